"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import {
  ADDABLE_KINDS,
  addStep,
  moveStep,
  newStep,
  removeStep,
  removedStepIds,
  replaceStep,
  type AddableKind,
  type PathRef,
} from "@/lib/flows/edit-steps";
import type { FlowStep } from "@/lib/flows/schemas";
import { flowQueries } from "@/lib/query/flows";
import { saveFlowStepsAction } from "../../actions";
import { ConfirmEdit } from "../../_components/confirm-edit";
import { failureText } from "../../_components/field-errors";
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
            <StepFields
              step={step}
              templates={ctx.templates}
              segments={ctx.segments}
              onChange={(edited) => ctx.set(replaceStep(ctx.all, edited))}
            />
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

/** What saving does to the people inside, stated before it happens (people at removed steps leave). */
export function editEffect(opts: { status: string; inside: number; leaving: number }): string | null {
  if (opts.status === "draft" || opts.inside === 0) return null;
  const people = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "person" : "people"}`;
  const stay = opts.inside - opts.leaving;
  return (
    (opts.leaving
      ? `${people(opts.leaving)} at the steps you removed leave the flow now and get none of its remaining emails. `
      : "Nobody is at a step you removed. ") +
    `${people(stay)} stay at their step (a wait keeps its due time) and continue along the new steps; a changed branch rule applies to those who reach the branch from now on. New entries follow the new steps.`
  );
}

/**
 * The visual editor: edit a step's settings, add, remove and reorder steps (branches' paths
 * included), then save. On a live or paused flow with people inside, saving first states who
 * leaves (those at removed steps) and who stays.
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
  const router = useRouter();
  const { data: counts } = useQuery(flowQueries.counts(id));
  const [steps, setSteps] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = (stepId: string) => counts?.steps[stepId]?.waiting ?? 0;
  const ctx: Ctx = { all: steps, set: setSteps, templates, segments, waiting };
  const leaving = removedStepIds(initial, steps).reduce((n, s) => n + waiting(s), 0);
  const effect = editEffect({ status, inside: counts?.active ?? 0, leaving });

  async function save() {
    setPending(true);
    setError(null);
    const result = await saveFlowStepsAction({ id, steps }).catch(() => null);
    setPending(false);
    setConfirming(false);
    if (!result || !result.ok) return setError(failureText(result));
    router.refresh();
    onDone();
  }

  return (
    <div className="space-y-4" aria-label="Flow editor" role="region">
      <Alert tone="info">
        Changes apply when you save. People already inside stay at their step if it still exists (a wait keeps its due time) and leave the
        flow if their step is removed.
      </Alert>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <EditableList ctx={ctx} steps={steps} path={null} />
      {confirming && effect ? (
        <ConfirmEdit
          effect={effect}
          pending={pending}
          confirmLabel="Yes, save the steps"
          onConfirm={() => void save()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="flex gap-2">
          <Button disabled={pending} onClick={() => (effect ? setConfirming(true) : void save())}>
            {pending ? "Saving…" : "Save steps"}
          </Button>
          <Button variant="secondary" disabled={pending} onClick={onDone}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
