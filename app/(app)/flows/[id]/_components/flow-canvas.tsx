"use client";

import { useQuery } from "@tanstack/react-query";
import { dimensionLabels } from "@/lib/experiments/schemas";
import type { BranchCondition, FlowStep } from "@/lib/flows/schemas";
import { describeCondition } from "@/lib/segments/describe-condition";
import { flowQueries, type FlowCounts } from "@/lib/query/flows";
import { StepExperimentReportPanel } from "./step-experiment-report";

const unitLabel = (amount: number, unit: string) => `${amount} ${amount === 1 ? unit.replace(/s$/, "") : unit}`;

/** Each kind of step's name, as the canvas and the editor show it. */
export const stepTitles: Record<FlowStep["kind"], string> = {
  wait: "Wait",
  wait_until_time: "Wait until",
  wait_for_event: "Wait for an event",
  branch: "Branch",
  send_email: "Send email",
  update_attribute: "Update attribute",
  add_tag: "Add tag",
  remove_tag: "Remove tag",
  exit: "Exit",
};

/** What a step does, in words. */
/** A branch's rule in words: the split, the segment's name, or its conditions ("Country is GB and …"). */
function describeBranch(c: BranchCondition, names: Record<string, string>): string {
  if (c.kind === "random") return `Random split: ${c.percent}% yes`;
  if (c.kind === "segment") return `In the segment “${names[c.segmentId] ?? "a deleted segment"}”?`;
  const parts = c.rules.children.map((n) => (n.type === "group" ? "(a group of conditions)" : describeCondition(n, { segments: names })));
  return parts.length ? `${c.rules.not ? "Not: " : ""}${parts.join(c.rules.op === "and" ? " and " : " or ")}?` : "Matches everyone";
}

function describe(step: FlowStep, templates: Record<string, string>, names: Record<string, string>): { title: string; detail: string } {
  switch (step.kind) {
    case "wait":
      return { title: "Wait", detail: unitLabel(step.duration.amount, step.duration.unit) };
    case "wait_until_time":
      return {
        title: "Wait until",
        detail: `${String(step.hour).padStart(2, "0")}:${String(step.minute).padStart(2, "0")} in the person's time zone`,
      };
    case "wait_for_event":
      return { title: "Wait for an event", detail: `${step.match.event}, up to ${unitLabel(step.timeout.amount, step.timeout.unit)}` };
    case "branch":
      return { title: "Branch", detail: describeBranch(step.condition, names) };
    case "send_email":
      return {
        title: "Send email",
        detail: `${templates[step.templateId] ?? "A deleted template"} (${step.category})${step.subject ? ` · “${step.subject}”` : ""}${step.senderName ? ` · from ${step.senderName}` : ""}${step.sendTime ? ` · at ${step.sendTime} in the person's time zone` : ""}${step.experiment ? ` · ${step.experiment.mode === "bandit" ? "bandit" : "A/B test"} on ${dimensionLabels[step.experiment.dimension].toLowerCase()}` : ""}`,
      };
    case "update_attribute":
      return { title: "Update attribute", detail: `${step.name} = ${JSON.stringify(step.value)}` };
    case "add_tag":
      return { title: "Add tag", detail: step.tag };
    case "remove_tag":
      return { title: "Remove tag", detail: step.tag };
    case "exit":
      return { title: "Exit", detail: "The person leaves the flow" };
  }
}

function Counts({ counts, step }: { counts: FlowCounts | undefined; step: FlowStep }) {
  const c = counts?.steps[step.id] ?? { waiting: 0, passed: 0, exited: 0, sent: 0, opened: 0, clicked: 0 };
  const item = (label: string, n: number) => (
    <span className="whitespace-nowrap">
      <span className="font-semibold text-slate-900 tabular-nums" data-count={label}>
        {n.toLocaleString("en-GB")}
      </span>{" "}
      {label}
    </span>
  );
  return (
    <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label={`Counts of step ${step.id}`}>
      {item("waiting now", c.waiting)}
      {item("passed", c.passed)}
      {item("exited", c.exited)}
      {step.kind === "send_email" ? (
        <>
          {item("emails sent", c.sent)}
          {item("opened", c.opened)}
          {item("clicked", c.clicked)}
        </>
      ) : null}
    </p>
  );
}

function StepList({
  steps,
  counts,
  templates,
  segmentNames,
  canEdit,
}: {
  steps: FlowStep[];
  counts: FlowCounts | undefined;
  templates: Record<string, string>;
  segmentNames: Record<string, string>;
  canEdit: boolean;
}) {
  if (!steps.length)
    return <p className="rounded-md border border-dashed border-slate-300 p-3 text-center text-xs text-slate-500">End of the flow</p>;
  return (
    <ol className="flex flex-col items-stretch gap-0">
      {steps.map((step, i) => {
        const d = describe(step, templates, segmentNames);
        const paths =
          step.kind === "branch"
            ? ([
                ["Yes", step.yes],
                ["No", step.no],
              ] as const)
            : step.kind === "wait_for_event"
              ? ([
                  ["It happened", step.happened],
                  ["Timed out", step.timedOut],
                ] as const)
              : null;
        return (
          <li key={step.id} className="flex flex-col items-center">
            {i > 0 ? <div className="h-6 w-px bg-slate-300" aria-hidden /> : null}
            <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-step={step.id}>
              <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">{d.title}</p>
              <p className="text-sm text-slate-800">{d.detail}</p>
              <Counts counts={counts} step={step} />
            </div>
            {step.kind === "send_email" ? (
              <StepExperimentReportPanel stepId={step.id} canEdit={canEdit} testing={!!step.experiment} />
            ) : null}
            {paths ? (
              <div className="mt-2 grid w-full grid-cols-2 gap-4 border-t border-slate-200 pt-4">
                {paths.map(([label, list]) => (
                  <div key={label} className="flex flex-col items-center gap-2">
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{label}</span>
                    <StepList steps={[...list]} counts={counts} templates={templates} segmentNames={segmentNames} canEdit={canEdit} />
                  </div>
                ))}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The flow as a vertical canvas of steps and branches, each with its live counts (polled every 2 s). */
export function FlowCanvas({
  id,
  trigger,
  steps,
  templates,
  segmentNames = {},
  canEdit = false,
}: {
  id: string;
  trigger: string;
  steps: FlowStep[];
  templates: Record<string, string>;
  /** Names of the segments branches refer to, by id. */
  segmentNames?: Record<string, string>;
  /** Marketers and admins: an experiment's winner may be applied to its step. */
  canEdit?: boolean;
}) {
  const { data: counts, error } = useQuery(flowQueries.counts(id));
  return (
    <div className="flex flex-col items-center">
      {error ? (
        <p className="mb-2 text-sm text-rose-700">The counts could not be loaded: {error.message}. They refresh on their own.</p>
      ) : null}
      <div className="w-full max-w-md rounded-lg border border-indigo-200 bg-indigo-50 p-3">
        <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">Trigger</p>
        <p className="text-sm text-slate-800">{trigger}</p>
        <p className="mt-2 text-xs text-slate-600" aria-label="Flow totals">
          <span className="font-semibold text-slate-900 tabular-nums" data-count="in the flow">
            {(counts?.active ?? 0).toLocaleString("en-GB")}
          </span>{" "}
          in the flow now · {(counts?.completed ?? 0).toLocaleString("en-GB")} completed · {(counts?.exited ?? 0).toLocaleString("en-GB")}{" "}
          exited
        </p>
      </div>
      <div className="h-6 w-px bg-slate-300" aria-hidden />
      <div className="w-full">
        <StepList steps={steps} counts={counts} templates={templates} segmentNames={segmentNames} canEdit={canEdit} />
      </div>
    </div>
  );
}
