"use client";

import { scoreFields } from "@/lib/segments/conditions/score/schema";
import { control } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

type ScoreField = ConditionOf<"score">["score"];
type ScoreOp = ConditionOf<"score">["op"];

const opLabels: Record<ScoreOp, string> = {
  gt: "is above",
  gte: "is at least",
  lt: "is below",
  lte: "is at most",
  top_percent: "is in the top %",
};

/** A predictive score, a comparison (or "top X %") and the number. */
export function ScoreEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"score">>) {
  const set = (patch: Partial<ConditionOf<"score">>) => onChange({ ...c, ...patch });
  return (
    <>
      <select aria-label="Score" className={control} value={c.score} onChange={(e) => set({ score: e.target.value as ScoreField })}>
        {Object.entries(scoreFields).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label="Comparison"
        className={control}
        value={c.op}
        onChange={(e) => {
          const op = e.target.value as ScoreOp;
          set({ op, value: op === "top_percent" ? 10 : c.value });
        }}
      >
        {Object.entries(opLabels).map(([op, label]) => (
          <option key={op} value={op}>
            {label}
          </option>
        ))}
      </select>
      <input
        aria-label={c.op === "top_percent" ? "Top percentage" : "Score value"}
        type="number"
        step="any"
        className={`${control} w-24`}
        value={c.value}
        onChange={(e) => set({ value: Number(e.target.value) })}
      />
    </>
  );
}
