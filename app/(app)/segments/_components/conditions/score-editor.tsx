"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { modelQueries } from "@/lib/query/models";
import { formatHeadline, modelOfScore } from "@/lib/scoring/runs/model-views";
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

/** A predictive score (purchase propensity: of a category), a comparison (or "top X %") and the number. */
export function ScoreEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"score">>) {
  const set = (patch: Partial<ConditionOf<"score">>) => onChange({ ...c, ...patch });
  return (
    <>
      <select
        aria-label="Score"
        className={control}
        value={c.score}
        onChange={(e) => {
          const score = e.target.value as ScoreField;
          onChange({ ...c, score, category: score === "propensity" ? c.category : undefined });
        }}
      >
        {Object.entries(scoreFields).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      {c.score === "propensity" ? <PropensityCategoryPicker category={c.category} onChange={(category) => set({ category })} /> : null}
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
      <ModelEvidence score={c.score} category={c.category} />
    </>
  );
}

/** Which category's propensity: "any product" and every category with a trained propensity model (the condition's own kept if it has none yet). */
function PropensityCategoryPicker({
  category,
  onChange,
}: {
  category: string | undefined;
  onChange: (category: string | undefined) => void;
}) {
  const { data } = useQuery(modelQueries.validation());
  const trained = (data?.propensities ?? []).flatMap((v) => (v.category ? [v.category] : []));
  const options = category && !trained.includes(category) ? [...trained, category] : trained;
  return (
    <select
      aria-label="Propensity category"
      className={control}
      value={category ?? ""}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">for any product</option>
      {options.map((name) => (
        <option key={name} value={name}>
          for “{name}”
        </option>
      ))}
    </select>
  );
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** The model behind the score (propensity: that category's model): its validation figure and the date it was trained (or that it has not been). */
function ModelEvidence({ score, category }: { score: ScoreField; category: string | undefined }) {
  const { data, error } = useQuery(modelQueries.validation());
  if (error) return null;
  if (!data) return <span className="text-xs text-slate-500">…</span>;
  const validation =
    score === "propensity" ? data.propensities.find((v) => v.category === (category ?? null)) : data.byKind[modelOfScore[score]];
  if (!validation)
    return (
      <span className="text-xs text-amber-800" data-testid="score-model-evidence">
        {score === "propensity" && category ? `No propensity model trained for “${category}” yet` : "No model trained yet"}: no one matches.{" "}
        <Link href="/models" className="font-medium underline">
          Train it on the Models page
        </Link>
      </span>
    );
  return (
    <Link
      href="/models"
      className="rounded-full bg-indigo-50 px-2 py-1 text-xs text-indigo-800 tabular-nums hover:underline"
      title="The validation of the model that wrote these scores (see the Models page)"
      data-testid="score-model-evidence"
    >
      {validation.kind === "propensity" ? `${validation.category ? `in “${validation.category}”` : "any product"} · ` : ""}
      {formatHeadline(validation.headline)} · trained {dateFormat.format(new Date(validation.trainedAt))}
    </Link>
  );
}
