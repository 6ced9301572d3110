"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import {
  banditRefusal,
  dimensionLabels,
  experimentDimensions,
  sequentialRefusal,
  variantFieldOf,
  variantKeys,
  type ExperimentDimension,
  type ExperimentInput,
  type ExperimentMetric,
  type ExperimentMode,
  type WinnerMethod,
} from "@/lib/experiments/schemas";

/** The form's state of an experiment (text inputs as typed). */
export interface ExperimentDraft {
  enabled: boolean;
  mode: ExperimentMode;
  dimension: ExperimentDimension;
  metric: ExperimentMetric;
  method: WinnerMethod;
  testPercent: string;
  holdoutPercent: string;
  waitHours: string;
  /** One value per variant, A first (A empty = the campaign's own). */
  values: string[];
}

export function experimentDraft(initial?: ExperimentInput | null): ExperimentDraft {
  if (!initial)
    return {
      enabled: false,
      mode: "test",
      dimension: "subject",
      metric: "click",
      method: "fixed",
      testPercent: "20",
      holdoutPercent: "10",
      waitHours: "4",
      values: ["", ""],
    };
  return {
    enabled: true,
    mode: initial.mode ?? "test",
    dimension: initial.dimension,
    metric: initial.metric ?? "click",
    method: initial.method ?? "fixed",
    testPercent: String(initial.testPercent),
    holdoutPercent: String(initial.holdoutPercent ?? 0),
    waitHours: String(Math.round((initial.waitMinutes / 60) * 100) / 100),
    values: initial.variants.map((v) => v[variantFieldOf[initial.dimension]] ?? ""),
  };
}

/** The experiment as the campaign schema takes it; null when the campaign tests nothing. */
export function experimentInput(d: ExperimentDraft): ExperimentInput | null {
  if (!d.enabled) return null;
  return {
    mode: d.mode,
    dimension: d.dimension,
    metric: d.metric,
    method: d.method,
    testPercent: Number(d.testPercent),
    holdoutPercent: Number(d.holdoutPercent) || 0,
    waitMinutes: Math.round(Number(d.waitHours) * 60),
    variants: d.values.map((value, i) => ({ key: variantKeys[i]!, [variantFieldOf[d.dimension]]: value.trim() ? value : null })),
  };
}

const metricHints: Record<ExperimentMetric, string> = {
  click: "Unique people who clicked ÷ recipients sent.",
  open: "Unique people who opened (or clicked) ÷ recipients sent.",
  conversion: "Recipients who bought within the attribution window after the send ÷ recipients sent.",
  revenue: "Purchases within the attribution window after the send ÷ recipients sent, compared with Welch's t.",
};

/** The campaign form's A/B test or bandit: what varies, the variants, the metric, the split and the winner rule. */
export function ExperimentFields({
  draft,
  onChange,
  errors,
  templates,
}: {
  draft: ExperimentDraft;
  onChange: (d: ExperimentDraft) => void;
  errors: Record<string, string>;
  templates: { id: string; name: string }[];
}) {
  // Combinations that cannot run fall back to one that can; the form says why beside the choice.
  const change = (d: ExperimentDraft) =>
    onChange({
      ...d,
      mode: d.mode === "bandit" && banditRefusal(d) ? "test" : d.mode,
      method: d.method === "sequential" && sequentialRefusal(d) ? "fixed" : d.method,
    });
  const set = <K extends keyof ExperimentDraft>(key: K, value: ExperimentDraft[K]) => change({ ...draft, [key]: value });
  const noBandit = banditRefusal(draft);
  const noSequential = sequentialRefusal(draft);
  const rest = Math.max(0, 100 - (Number(draft.testPercent) || 0) - (Number(draft.holdoutPercent) || 0));
  const k = draft.values.length;
  return (
    <Card>
      <CardHeader
        title="Experiment"
        description="Test versions of one part of the message on part of the audience, and send the best one to the rest. A holdout group gets nothing, to measure what the campaign adds."
      />
      <CardBody className="space-y-4">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set("enabled", e.target.checked)} />
          Test variants of this campaign
        </label>
        {draft.enabled ? (
          <>
            <div className="flex flex-wrap gap-4 text-sm text-slate-700">
              {(
                [
                  ["test", "A/B test: a test portion, then the winner to the rest"],
                  ["bandit", "Bandit: waves that shift towards the better variant"],
                ] as const
              ).map(([mode, label]) => (
                <label key={mode} className={`flex items-center gap-2 ${mode === "bandit" && noBandit ? "text-slate-400" : ""}`}>
                  <input
                    type="radio"
                    name="experimentMode"
                    checked={draft.mode === mode}
                    disabled={mode === "bandit" && !!noBandit}
                    onChange={() => set("mode", mode)}
                  />
                  {label}
                </label>
              ))}
            </div>
            {noBandit ? (
              <p className="text-xs text-slate-500" data-testid="bandit-refusal">
                {noBandit}
              </p>
            ) : null}
            {errors.mode ? <p className="text-sm text-rose-600">{errors.mode}</p> : null}
            <div className="grid gap-4 md:grid-cols-3">
              <Field label="What varies" name="experimentDimension">
                <Select
                  name="experimentDimension"
                  value={draft.dimension}
                  onChange={(e) =>
                    change({ ...draft, dimension: e.target.value as ExperimentDimension, values: draft.values.map(() => "") })
                  }
                >
                  {experimentDimensions.map((d) => (
                    <option key={d} value={d}>
                      {dimensionLabels[d]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Winner by" name="experimentMetric" hint={metricHints[draft.metric]}>
                <Select name="experimentMetric" value={draft.metric} onChange={(e) => set("metric", e.target.value as ExperimentMetric)}>
                  <option value="click">Click rate</option>
                  <option value="open">Open rate</option>
                  <option value="conversion">Conversion rate</option>
                  <option value="revenue">Revenue per recipient</option>
                </Select>
              </Field>
              {draft.mode === "test" ? (
                <Field
                  label="Decided by"
                  name="experimentMethod"
                  error={errors.method}
                  hint={
                    noSequential
                      ? noSequential
                      : draft.method === "fixed"
                        ? "Nothing is decided before the deadline: looking early at a p-value would pick false winners."
                        : "May stop as soon as a variant is ahead beyond chance, keeping false winners at 5 % however often it looks."
                  }
                >
                  <Select name="experimentMethod" value={draft.method} onChange={(e) => set("method", e.target.value as WinnerMethod)}>
                    <option value="fixed">Fixed horizon (at the deadline)</option>
                    <option value="sequential" disabled={!!noSequential}>
                      Sequential test (may stop early){noSequential ? " — not for this test" : ""}
                    </option>
                  </Select>
                </Field>
              ) : null}
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-800">Variants</legend>
              {draft.values.map((value, i) => {
                const key = variantKeys[i]!;
                const label = `Variant ${key}`;
                const update = (v: string) =>
                  set(
                    "values",
                    draft.values.map((x, j) => (j === i ? v : x)),
                  );
                return (
                  <div key={key} className="flex items-center gap-2">
                    <span className="w-20 shrink-0 text-sm text-slate-600">{label}</span>
                    {draft.dimension === "content" ? (
                      <Select name={`variant${key}`} aria-label={label} value={value} onChange={(e) => update(e.target.value)}>
                        <option value="">{i === 0 ? "The campaign's template" : "Pick a template…"}</option>
                        {templates.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name}
                          </option>
                        ))}
                      </Select>
                    ) : draft.dimension === "send_time" ? (
                      <>
                        <Input
                          name={`variant${key}`}
                          aria-label={label}
                          type="time"
                          className="w-36"
                          value={value}
                          onChange={(e) => update(e.target.value)}
                        />
                        <span className="text-xs text-slate-500">
                          {value
                            ? "in each recipient's time zone, the next one after the campaign starts"
                            : i === 0
                              ? "empty: when the campaign starts"
                              : ""}
                        </span>
                      </>
                    ) : (
                      <Input
                        name={`variant${key}`}
                        aria-label={label}
                        value={value}
                        onChange={(e) => update(e.target.value)}
                        placeholder={i === 0 ? `The campaign's ${dimensionLabels[draft.dimension].toLowerCase()}` : undefined}
                      />
                    )}
                  </div>
                );
              })}
              <div className="flex gap-3 text-sm">
                {k < variantKeys.length ? (
                  <button type="button" className="text-indigo-600 hover:underline" onClick={() => set("values", [...draft.values, ""])}>
                    Add variant {variantKeys[k]}
                  </button>
                ) : null}
                {k > 2 ? (
                  <button type="button" className="text-slate-600 hover:underline" onClick={() => set("values", draft.values.slice(0, -1))}>
                    Remove variant {variantKeys[k - 1]}
                  </button>
                ) : null}
              </div>
              {errors.variants ? <p className="text-sm text-rose-600">{errors.variants}</p> : null}
            </fieldset>
            <div className="grid gap-4 md:grid-cols-3">
              <Field
                label={draft.mode === "test" ? "Test portion (%)" : "Each wave (%)"}
                name="testPercent"
                error={errors.testPercent}
                hint={
                  draft.mode === "test"
                    ? `Split evenly: ${Math.floor((Number(draft.testPercent) || 0) / k)} % per variant; ${rest} % wait for the winner.`
                    : "Of the audience, per wave; the first wave is split evenly."
                }
              >
                <Input
                  name="testPercent"
                  type="number"
                  min={2}
                  max={100}
                  value={draft.testPercent}
                  onChange={(e) => set("testPercent", e.target.value)}
                  invalid={!!errors.testPercent}
                />
              </Field>
              <Field label="Holdout (%)" name="holdoutPercent" error={errors.holdoutPercent} hint="Drawn at random and sent nothing.">
                <Input
                  name="holdoutPercent"
                  type="number"
                  min={0}
                  max={50}
                  value={draft.holdoutPercent}
                  onChange={(e) => set("holdoutPercent", e.target.value)}
                  invalid={!!errors.holdoutPercent}
                />
              </Field>
              <Field
                label={draft.mode === "test" ? "Decide after (hours)" : "Hours between waves"}
                name="waitHours"
                error={errors.waitMinutes}
                hint={
                  draft.mode === "bandit"
                    ? "Time for opens and clicks to arrive."
                    : draft.dimension === "send_time"
                      ? "Counted from the last variant's time; each variant is measured over this long after its own send."
                      : "Counted from the start of the test's sending: the deadline."
                }
              >
                <Input
                  name="waitHours"
                  type="number"
                  min={0.02}
                  step="any"
                  value={draft.waitHours}
                  onChange={(e) => set("waitHours", e.target.value)}
                  invalid={!!errors.waitMinutes}
                />
              </Field>
            </div>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
