"use client";

import { Input, Select } from "@/components/ui/field";
import type { BranchCondition, FlowStep } from "@/lib/flows/schemas";
import type { RuleGroup } from "@/lib/segments/schemas";
import { GroupEditor } from "../../../segments/_components/group-editor";
import { newCondition } from "../../../segments/_components/rule-tree";
import { SegmentSelect, type SegmentChoice } from "../../_components/segment-select";

type Branch = Extract<FlowStep, { kind: "branch" }>;
type ChoiceKind = "random" | "segment" | "rules" | "score";

const choices: Record<ChoiceKind, string> = {
  random: "Random split",
  segment: "Is in a segment",
  rules: "Matches conditions (profile, events, orders, RFM…)",
  score: "Predictive score (churn, lifetime value…)",
};

/** A rule of one score condition shows as "Predictive score"; it is a rule like any other. */
function choiceOf(c: BranchCondition): ChoiceKind {
  if (c.kind !== "rules") return c.kind;
  const only = c.rules.children.length === 1 ? c.rules.children[0] : undefined;
  return only?.type === "condition" && only.kind === "score" ? "score" : "rules";
}

function conditionFor(kind: ChoiceKind): BranchCondition {
  if (kind === "random") return { kind, percent: 50 };
  if (kind === "segment") return { kind, segmentId: "" };
  return { kind: "rules", rules: { type: "group", op: "and", children: [newCondition(kind === "score" ? "score" : "attribute")] } };
}

/**
 * A branch's rule: a random split, a segment, conditions (the segment builder's), or a predictive
 * score. People reach the rule as it is when they get to the branch; those past it keep their path.
 */
export function BranchFields({ step, segments, onChange }: { step: Branch; segments: SegmentChoice[]; onChange: (s: Branch) => void }) {
  const c = step.condition;
  const set = (condition: BranchCondition) => onChange({ ...step, condition });
  return (
    <div className="space-y-2">
      <label className="block text-xs font-medium text-slate-700">
        Who takes the Yes path
        <Select
          name={`${step.id}-rule`}
          aria-label={`Branch rule (${step.id})`}
          className="mt-1 py-1 text-sm"
          value={choiceOf(c)}
          onChange={(e) => set(conditionFor(e.target.value as ChoiceKind))}
        >
          {(Object.keys(choices) as ChoiceKind[]).map((k) => (
            <option key={k} value={k}>
              {choices[k]}
            </option>
          ))}
        </Select>
      </label>
      {c.kind === "random" ? (
        <label className="block text-xs font-medium text-slate-700">
          Percent who take the Yes path
          <Input
            name={`${step.id}-percent`}
            aria-label={`Percent yes (${step.id})`}
            type="number"
            min={0}
            max={100}
            className="mt-1 py-1 text-sm"
            value={Number.isFinite(c.percent) ? c.percent : ""}
            onChange={(e) => set({ kind: "random", percent: e.target.valueAsNumber })}
          />
        </label>
      ) : c.kind === "segment" ? (
        <SegmentSelect
          label={`Branch segment (${step.id})`}
          name={`${step.id}-segment`}
          className="py-1 text-sm"
          value={c.segmentId}
          segments={segments}
          onChange={(segmentId) => set({ kind: "segment", segmentId })}
        />
      ) : (
        <div className="rounded-md bg-slate-50 p-2" aria-label={`Branch conditions (${step.id})`} role="group">
          <GroupEditor group={c.rules as RuleGroup} path={[]} onChange={(rules) => set({ kind: "rules", rules })} />
        </div>
      )}
    </div>
  );
}
