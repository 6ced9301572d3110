"use client";

import type { RuleGroup, RuleNode } from "@/lib/segments/schemas";
import { ConditionEditor } from "./condition-editor";
import { newCondition, newGroup } from "./rule-tree";

/** An AND / OR group (nestable, negatable) of conditions and groups. */
export function GroupEditor({
  group,
  path,
  onChange,
  onRemove,
  counts,
  segmentId,
}: {
  group: RuleGroup;
  path: number[];
  onChange: (g: RuleGroup) => void;
  onRemove?: () => void;
  counts?: Record<string, number>;
  segmentId?: string;
}) {
  const setChild = (i: number, next: RuleNode | null) => {
    const children = [...group.children];
    if (next === null) children.splice(i, 1);
    else children[i] = next;
    onChange({ ...group, children });
  };
  return (
    <div className={path.length ? "rounded-xl border border-dashed border-indigo-200 bg-indigo-50/40 p-3" : ""} data-testid="group">
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <label className="inline-flex items-center gap-1.5 text-slate-600">
          <input
            type="checkbox"
            checked={Boolean(group.not)}
            onChange={(e) => onChange({ ...group, not: e.target.checked || undefined })}
          />
          not
        </label>
        <span className="text-slate-600">Customers matching</span>
        <div className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300" role="group" aria-label="Match all or any">
          {(["and", "or"] as const).map((op) => (
            <button
              key={op}
              type="button"
              aria-pressed={group.op === op}
              onClick={() => onChange({ ...group, op })}
              className={`px-2.5 py-1 text-xs font-semibold ${group.op === op ? "bg-indigo-600 text-white" : "bg-white text-slate-600 hover:bg-slate-50"}`}
            >
              {op === "and" ? "ALL of" : "ANY of"}
            </button>
          ))}
        </div>
        {onRemove ? (
          <button type="button" className="ml-auto text-xs text-slate-500 hover:text-rose-600" onClick={onRemove}>
            Remove group
          </button>
        ) : null}
      </div>
      <div className="space-y-2">
        {group.children.length === 0 ? (
          <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="empty-group">
            {path.length
              ? "No conditions yet: this group is ignored (the count does not change) until it has one. Add a condition below."
              : `No conditions yet: the segment matches ${group.op === "and" ? "everyone" : "no one"}. Add a condition below.`}
          </p>
        ) : null}
        {group.children.map((child, i) => {
          const childPath = [...path, i];
          return child.type === "group" ? (
            <GroupEditor
              key={i}
              group={child}
              path={childPath}
              onChange={(g) => setChild(i, g)}
              onRemove={() => setChild(i, null)}
              counts={counts}
              segmentId={segmentId}
            />
          ) : (
            <ConditionEditor
              key={i}
              cond={child}
              onChange={(c) => setChild(i, c)}
              onRemove={() => setChild(i, null)}
              count={counts?.[childPath.join(".")]}
              segmentId={segmentId}
            />
          );
        })}
      </div>
      <div className="mt-2 flex gap-3 text-sm">
        <button
          type="button"
          className="font-medium text-indigo-600 hover:underline"
          onClick={() => onChange({ ...group, children: [...group.children, newCondition()] })}
        >
          + Condition
        </button>
        {path.length < 3 ? (
          <button
            type="button"
            className="font-medium text-indigo-600 hover:underline"
            onClick={() => onChange({ ...group, children: [...group.children, newGroup()] })}
          >
            + Group
          </button>
        ) : null}
      </div>
    </div>
  );
}
