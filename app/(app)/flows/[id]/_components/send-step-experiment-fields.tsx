"use client";

import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { dimensionLabels, metricLabels, variantFieldOf, variantKeys } from "@/lib/experiments/schemas";
import {
  stepExperimentDimensions,
  stepExperimentMetrics,
  stepExperimentModeHints,
  stepExperimentModeLabels,
  stepExperimentModes,
  stepModeRefusal,
  type StepExperiment,
} from "@/lib/flows/experiments/schemas";
import type { FlowStep } from "@/lib/flows/schemas";

type SendStep = Extract<FlowStep, { kind: "send_email" }>;
type Dimension = StepExperiment["dimension"];
const small = "py-1 text-sm";

function Labelled({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) {
  return (
    <label className="block text-xs font-medium text-slate-700">
      {label}
      <div className="mt-1">{children}</div>
      {hint ? <span className="mt-0.5 block font-normal text-slate-500">{hint}</span> : null}
    </label>
  );
}

export function newStepExperiment(): StepExperiment {
  return {
    mode: "test",
    dimension: "subject",
    metric: "click",
    variants: [{ key: "A" }, { key: "B", subject: "" }],
    holdoutPercent: 0,
    samplePerVariant: 500,
    waitMinutes: 240,
    alpha: 0.05,
    tau: 0.02,
  };
}

/**
 * A send step's experiment: what varies, the variants (A is the step's own message), the metric,
 * how the winner is found, the holdout. Says what a change does to people already in the flow.
 */
export function SendStepExperimentFields({
  step,
  templates,
  onChange,
}: {
  step: SendStep;
  templates: { id: string; name: string }[];
  onChange: (step: SendStep) => void;
}) {
  const e = step.experiment;
  const set = (experiment: StepExperiment | undefined) => onChange({ ...step, experiment });
  const label = `(${step.id})`;
  if (!e)
    return (
      <div className="flex flex-wrap items-center gap-2 rounded-md border border-dashed border-slate-300 p-2 text-xs text-slate-600">
        <span>Test versions of this email on the people who reach it, with an optional holdout who get nothing.</span>
        <Button variant="secondary" aria-label={`Add an experiment ${label}`} onClick={() => set(newStepExperiment())}>
          Add an A/B test
        </Button>
      </div>
    );
  const own: Record<Dimension, string> = {
    subject: step.subject || "the template's subject",
    preheader: step.preheader || "the template's preheader",
    content: templates.find((t) => t.id === step.templateId)?.name ?? "the step's template",
    sender_name: step.senderName || "the default sender name",
    send_time: "as soon as they reach the step",
  };
  const fieldOf = variantFieldOf;
  const valueOf = (v: StepExperiment["variants"][number]) => v[fieldOf[e.dimension]] ?? "";
  const refusal = stepModeRefusal(e);
  const setValue = (i: number, value: string) =>
    set({ ...e, variants: e.variants.map((v, j) => (j === i ? { key: v.key, [fieldOf[e.dimension]]: value || null } : v)) });
  const number = (name: string, value: number, apply: (n: number) => StepExperiment, opts: { min: number; max: number }) => (
    <Input
      name={`${step.id}-${name}`}
      aria-label={`${name} ${label}`}
      type="number"
      min={opts.min}
      max={opts.max}
      className={small}
      value={Number.isFinite(value) ? value : ""}
      onChange={(ev) => set(apply(ev.target.valueAsNumber))}
    />
  );
  return (
    <fieldset className="space-y-3 rounded-md border border-indigo-100 bg-indigo-50/40 p-3" aria-label={`Experiment ${label}`}>
      <div className="flex items-center justify-between">
        <legend className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">A/B test</legend>
        <Button variant="ghost" aria-label={`Remove the experiment ${label}`} onClick={() => set(undefined)}>
          Remove test
        </Button>
      </div>
      <div className="grid grid-cols-3 gap-2">
        <Labelled label="What varies">
          <Select
            aria-label={`What varies ${label}`}
            className={small}
            value={e.dimension}
            onChange={(ev) => {
              const dimension = ev.target.value as Dimension;
              set({ ...e, dimension, variants: e.variants.map((v) => ({ key: v.key })) });
            }}
          >
            {stepExperimentDimensions.map((d) => (
              <option key={d} value={d}>
                {dimensionLabels[d]}
              </option>
            ))}
          </Select>
        </Labelled>
        <Labelled label="Winner by">
          <Select
            aria-label={`Winner by ${label}`}
            className={small}
            value={e.metric}
            onChange={(ev) => set({ ...e, metric: ev.target.value as StepExperiment["metric"] })}
          >
            {stepExperimentMetrics.map((m) => (
              <option key={m} value={m}>
                {metricLabels[m]}
              </option>
            ))}
          </Select>
        </Labelled>
        <Labelled label="How">
          <Select
            aria-label={`How the winner is found ${label}`}
            className={small}
            value={e.mode}
            onChange={(ev) => set({ ...e, mode: ev.target.value as StepExperiment["mode"] })}
          >
            {stepExperimentModes.map((m) => (
              <option key={m} value={m} disabled={m !== e.mode && stepModeRefusal({ ...e, mode: m }) !== null}>
                {stepExperimentModeLabels[m]}
              </option>
            ))}
          </Select>
        </Labelled>
      </div>
      <p className="text-xs text-slate-600">{stepExperimentModeHints[e.mode]}</p>
      {refusal ? (
        <p className="text-xs text-rose-700" role="alert">
          {refusal}
        </p>
      ) : null}
      <ol className="space-y-2">
        {e.variants.map((v, i) => (
          <li key={v.key} className="flex items-end gap-2">
            <span className="w-6 pb-1.5 text-sm font-semibold text-slate-700">{v.key}</span>
            <div className="flex-1">
              {e.dimension === "content" ? (
                <Select
                  aria-label={`Variant ${v.key} ${label}`}
                  className={small}
                  value={valueOf(v)}
                  onChange={(ev) => setValue(i, ev.target.value)}
                >
                  <option value="">{i === 0 ? `The step's own (${own.content})` : "Choose a template…"}</option>
                  {templates.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  aria-label={`Variant ${v.key} ${label}`}
                  className={small}
                  type={e.dimension === "send_time" ? "time" : "text"}
                  title={
                    e.dimension === "send_time"
                      ? "The hour in each recipient's time zone (empty: as soon as they reach the step)"
                      : undefined
                  }
                  placeholder={i === 0 ? `The step's own: ${own[e.dimension]}` : `Another ${dimensionLabels[e.dimension].toLowerCase()}`}
                  value={valueOf(v)}
                  onChange={(ev) => setValue(i, ev.target.value)}
                />
              )}
            </div>
            {i >= 2 && i === e.variants.length - 1 ? (
              <Button
                variant="ghost"
                aria-label={`Remove variant ${v.key} ${label}`}
                onClick={() => set({ ...e, variants: e.variants.slice(0, -1) })}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
      {e.variants.length < variantKeys.length ? (
        <Button
          variant="secondary"
          aria-label={`Add a variant ${label}`}
          onClick={() => set({ ...e, variants: [...e.variants, { key: variantKeys[e.variants.length]! }] })}
        >
          Add variant {variantKeys[e.variants.length]}
        </Button>
      ) : null}
      <div className="grid grid-cols-3 gap-2">
        <Labelled label="Holdout (%)" hint="Get nothing from this step and go on.">
          {number("Holdout percent", e.holdoutPercent, (n) => ({ ...e, holdoutPercent: n }), { min: 0, max: 50 })}
        </Labelled>
        {e.mode !== "bandit" ? (
          <Labelled
            label={e.mode === "test" ? "People per variant" : "At most per variant"}
            hint={e.mode === "test" ? "The sample the winner is chosen on." : "Without a clear winner by then: A."}
          >
            {number("Sample per variant", e.samplePerVariant, (n) => ({ ...e, samplePerVariant: n }), { min: 10, max: 1_000_000 })}
          </Labelled>
        ) : null}
        {e.mode !== "sequential" ? (
          <Labelled
            label={e.mode === "test" ? "Then wait (minutes)" : "Update every (minutes)"}
            hint={
              e.mode === "test"
                ? e.dimension === "send_time"
                  ? "Counted after each person's own send, the same for every time."
                  : `For ${e.metric === "open" || e.metric === "click" ? "opens and clicks" : "purchases"} before deciding.`
                : "Shares move towards the best."
            }
          >
            {number("Wait minutes", e.waitMinutes, (n) => ({ ...e, waitMinutes: n }), { min: 1, max: 7 * 24 * 60 })}
          </Labelled>
        ) : null}
      </div>
      <p className="text-xs text-slate-600" data-testid={`experiment-effect-${step.id}`}>
        Each person who reaches this step gets one variant, fixed when they arrive
        {e.holdoutPercent ? `; ${e.holdoutPercent} % get nothing and go on with the flow` : ""}. Nobody waits for the decision: until there
        is a winner, people are shared among the variants. Changing this test later starts it afresh: people already past the step keep what
        they got, and only those who reach it after you save count towards the new winner.
      </p>
    </fieldset>
  );
}
