"use client";

import { createElement } from "react";
import type { Condition } from "@/lib/segments/schemas";
import { editorOf } from "./conditions/condition-editors";
import { conditionDefaults, conditionKindLabels } from "./rule-tree";
import { control } from "./suggest-input";

type ConditionNode = { type: "condition" } & Condition;

/** The fields of a condition, in its kind's editor (a fixed component per kind, from the editors' registry). */
function KindFields<C extends ConditionNode>({ cond, onChange, segmentId }: { cond: C; onChange: (c: C) => void; segmentId?: string }) {
  return createElement(editorOf(cond), { key: cond.kind, condition: cond, onChange, segmentId });
}

/** One condition: its kind, its fields, and how many customers it alone matches. */
export function ConditionEditor({
  cond,
  onChange,
  onRemove,
  count,
  segmentId,
}: {
  cond: ConditionNode;
  onChange: (c: ConditionNode) => void;
  onRemove: () => void;
  count?: number;
  segmentId?: string;
}) {
  return (
    <div className="flex items-start gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2" data-testid="condition">
      <select
        aria-label="Condition type"
        className={`${control} w-36 shrink-0 font-medium`}
        value={cond.kind}
        onChange={(e) => onChange({ type: "condition", ...conditionDefaults[e.target.value] } as ConditionNode)}
      >
        {Object.entries(conditionKindLabels).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">
        <KindFields cond={cond} onChange={onChange} segmentId={segmentId} />
      </div>
      <span
        className="shrink-0 rounded-full bg-slate-100 px-2 py-1 text-xs text-slate-600 tabular-nums"
        title="Customers this condition alone matches"
        data-testid="condition-count"
      >
        {count === undefined ? "…" : `${count.toLocaleString("en-GB")} alone`}
      </span>
      <button type="button" aria-label="Remove condition" className="shrink-0 px-1 text-slate-600 hover:text-rose-600" onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}
