"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { ADDABLE_KINDS, addStep, moveStep, newStep, removeStep, replaceStep, type AddableKind, type PathRef } from "@/lib/flows/edit-steps";
import type { FlowStepsPreview } from "@/lib/flows/preview-flow-steps";
import { flowStepSchema, walkSteps, type FlowStep } from "@/lib/flows/schemas";
import type { StepEdit } from "@/lib/flows/steps-edit-impact";
import { flowQueries } from "@/lib/query/flows";
import { previewFlowStepsAction, saveFlowStepsAction } from "../../actions";
import { ConfirmEdit } from "../../_components/confirm-edit";
import { FlowFormFields, FlowFormSummary, useFlowForm, useSaveAndClose } from "../../_components/flow-form";
import type { SegmentChoice } from "../../_components/segment-select";
import { stepTitles } from "./flow-canvas";
import { StepFields } from "./step-fields";

const kindLabels: Record<AddableKind, string> = {
  wait: "Wait",
  send_email: "Send email",
  wait_for_event: "Wait for an event",
  branch: "Branch (yes / no)",
  add_tag: "Add tag",
  remove_tag: "Remove tag",
  update_attribute: "Update attribute",
  exit: "Exit",
};

interface Ctx {
  all: FlowStep[];
  set: (steps: FlowStep[]) => void;
  templates: { id: string; name: string }[];
  segments: SegmentChoice[];
  waiting: (id: string) => number;
}

function AddStep({ ctx, path, label }: { ctx: Ctx; path: PathRef; label: string }) {
  const [kind, setKind] = useState<AddableKind>("wait");
  const where = path ? `${path.side} path of ${path.parentId}` : "end";
  return (
    <div className="flex items-center gap-2 rounded-md border border-dashed border-slate-300 p-2">
      <Select
        name={`add-${where}`}
        aria-label={`Kind of step to add (${where})`}
        className="py-1 text-sm"
        value={kind}
        onChange={(e) => setKind(e.target.value as AddableKind)}
      >
        {ADDABLE_KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabels[k]}
          </option>
        ))}
      </Select>
      <Button
        variant="secondary"
        aria-label={`Add a step (${where})`}
        onClick={() => ctx.set(addStep(ctx.all, path, newStep(ctx.all, kind, { templateId: ctx.templates[0]?.id })))}
      >
        {label}
      </Button>
    </div>
  );
}

function EditableList({ ctx, steps, path }: { ctx: Ctx; steps: FlowStep[]; path: PathRef }) {
  return (
    <ol className="space-y-3">
      {steps.map((step, i) => {
        const paths =
          step.kind === "branch"
            ? ([
                ["Yes", "yes", step.yes],
                ["No", "no", step.no],
              ] as const)
            : step.kind === "wait_for_event"
              ? ([
                  ["It happened", "happened", step.happened],
                  ["Timed out", "timedOut", step.timedOut],
                ] as const)
              : null;
        const waiting = ctx.waiting(step.id);
        return (
          <li key={step.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-edit-step={step.id}>
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">
                {stepTitles[step.kind]} <span className="font-normal text-slate-500 normal-case">· {step.id}</span>
                {waiting ? (
                  <span className="ml-2 font-normal text-amber-700 normal-case">{waiting.toLocaleString("en-GB")} here now</span>
                ) : null}
              </p>
              <div className="flex gap-1">
                <Button
                  variant="ghost"
                  aria-label={`Move ${step.id} up`}
                  disabled={i === 0}
                  onClick={() => ctx.set(moveStep(ctx.all, step.id, -1))}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  aria-label={`Move ${step.id} down`}
                  disabled={i === steps.length - 1}
                  onClick={() => ctx.set(moveStep(ctx.all, step.id, 1))}
                >
                  ↓
                </Button>
                <Button variant="ghost" aria-label={`Remove ${step.id}`} onClick={() => ctx.set(removeStep(ctx.all, step.id))}>
                  Remove
                </Button>
              </div>
            </div>
            <FlowFormFields prefix={`step.${step.id}`}>
              <StepFields
                step={step}
                templates={ctx.templates}
                segments={ctx.segments}
                onChange={(edited) => ctx.set(replaceStep(ctx.all, edited))}
              />
            </FlowFormFields>
            {paths ? (
              <div className="mt-3 grid gap-3 border-t border-slate-200 pt-3 sm:grid-cols-2">
                {paths.map(([label, side, list]) => (
                  <div key={side} className="space-y-2">
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{label}</span>
                    <EditableList ctx={ctx} steps={[...list]} path={{ parentId: step.id, side }} />
                  </div>
                ))}
              </div>
            ) : null}
          </li>
        );
      })}
      <li>
        <AddStep ctx={ctx} path={path} label={path ? "Add" : "Add step"} />
      </li>
    </ol>
  );
}

const people = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "person" : "people"}`;
const are = (n: number) => (n === 1 ? "is" : "are");
const kindWords: Record<FlowStep["kind"], string> = {
  wait: "wait",
  wait_until_time: "wait until a time",
  wait_for_event: "wait for an event",
  branch: "branch",
  send_email: "send step",
  update_attribute: "attribute step",
  add_tag: "tag step",
  remove_tag: "tag step",
  exit: "exit step",
};
const what = (e: StepEdit) => `${kindWords[e.kind]} “${e.stepId}”`;
const followWords: Record<StepEdit["change"], string> = {
  changed: "they will follow the new steps",
  added: "they will take it and follow the new steps",
  moved: "they will follow the new order",
  removed: "they will not take it and follow the new steps",
};

/**
 * What saving the steps does to the people inside (docs/decisions/127), with the counts the server
 * computed: who reaches each edit first, who leaves with a removed step, who meets no change.
 */
export function stepsEffect(preview: FlowStepsPreview): string {
  const reaching = preview.reaching.reduce((n, r) => n + r.people, 0);
  const leaving = preview.leaving.reduce((n, l) => n + l.people, 0);
  const untouched = preview.inside - reaching - leaving;
  return [
    `${people(preview.inside)} ${are(preview.inside)} inside this flow now.`,
    ...preview.reaching.map(
      (r) => `${people(r.people)} ${are(r.people)} waiting at or before the ${r.change} ${what(r)}; ${followWords[r.change]}.`,
    ),
    ...preview.leaving.map(
      (l) => `${people(l.people)} waiting at the removed ${what(l)} will leave the flow now and get none of its remaining emails.`,
    ),
    untouched ? `${people(untouched)} meet no change ahead of them.` : "",
    "A wait keeps the due time it had; new entries follow the new steps.",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Where the server and zod name a step's field ("steps.0.yes.1.tag"), named by the step's id ("step.tag-1.tag"). */
function stepPaths(steps: FlowStep[]): (path: string) => string {
  const ids = new Map([...walkSteps(steps)].map(({ step, path }) => [["steps", ...path].join("."), step.id]));
  return (path) => {
    const parts = path.split(".");
    for (let n = parts.length; n > 1; n--) {
      const id = ids.get(parts.slice(0, n).join("."));
      if (id) return ["step", id, ...parts.slice(n)].join(".");
    }
    return path;
  };
}

/**
 * The visual editor: edit a step's settings, add, remove and reorder steps (branches' paths
 * included), then save. On a live or paused flow with people inside, saving first states, with the
 * server's counts, who will reach a changed step (and what happens to them) and who leaves (those at removed steps).
 */
export function FlowEditor({
  id,
  status,
  steps: initial,
  templates,
  segments,
  onDone,
}: {
  id: string;
  status: string;
  steps: FlowStep[];
  templates: { id: string; name: string }[];
  segments: SegmentChoice[];
  onDone: () => void;
}) {
  const { data: counts } = useQuery(flowQueries.counts(id));
  const [steps, setSteps] = useState(initial);
  const form = useFlowForm({ paths: stepPaths(steps) });
  const saveAndClose = useSaveAndClose(form, onDone);
  const [preview, setPreview] = useState<FlowStepsPreview | null>(null);
  const waiting = (stepId: string) => counts?.steps[stepId]?.waiting ?? 0;
  const set = (next: FlowStep[]) => {
    setSteps(next);
    setPreview(null);
  };
  const ctx: Ctx = { all: steps, set, templates, segments, waiting };
  const save = () => saveAndClose(saveFlowStepsAction, { id, steps }, () => setPreview(null));

  async function askFirst() {
    // The server checks the same schema; checking here names each field before any count is asked for.
    if (!form.check(z.array(flowStepSchema), steps, "steps")) return;
    if (status === "draft") return save();
    await form.submit(previewFlowStepsAction, { id, steps }, (data) => (data.inside === 0 ? void save() : setPreview(data)));
  }

  return (
    <div className="space-y-4" aria-label="Flow editor" role="region">
      <Alert tone="info">
        Changes apply when you save. People already inside stay at their step if it still exists (a wait keeps its due time) and leave the
        flow if their step is removed.
      </Alert>
      <FlowFormSummary form={form} />
      <FlowFormFields form={form}>
        <EditableList ctx={ctx} steps={steps} path={null} />
      </FlowFormFields>
      {preview ? (
        <ConfirmEdit
          effect={stepsEffect(preview)}
          pending={form.pending}
          confirmLabel="Yes, save the steps"
          onConfirm={() => void save()}
          onCancel={() => setPreview(null)}
        />
      ) : (
        <div className="flex gap-2">
          <Button disabled={form.pending} onClick={() => void askFirst()}>
            {form.pending ? "Saving…" : "Save steps"}
          </Button>
          <Button variant="secondary" disabled={form.pending} onClick={onDone}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
