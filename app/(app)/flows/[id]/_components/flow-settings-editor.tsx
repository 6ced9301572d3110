"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import type { FlowSettingsPreview } from "@/lib/flows/preview-flow-settings";
import { flowSettingsSchema, type ExitCriterion, type FlowSettings, type Reentry } from "@/lib/flows/schemas";
import { previewFlowSettingsAction, saveFlowSettingsAction } from "../../actions";
import { ConfirmEdit } from "../../_components/confirm-edit";
import { describeExitReason } from "../../_components/describe-settings";
import { EventMatchFields } from "../../_components/event-match-fields";
import { FieldSlot, FlowFormFields, FlowFormSummary, useFlowForm, useSaveAndClose } from "../../_components/flow-form";
import { SegmentSelect, type SegmentChoice } from "../../_components/segment-select";
import { TriggerFields } from "../../_components/trigger-fields";

const people = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "person" : "people"}`;

/** What saving does to the people inside, stated before it happens (docs/decisions/139). */
export function settingsEffect(preview: FlowSettingsPreview, segmentNames: Record<string, string>): string {
  const leaving = preview.leaving.reduce((n, l) => n + l.people, 0);
  const who = preview.leaving.map((l) => `${people(l.people)} ${describeExitReason(l.reason, segmentNames)}`).join(", ");
  return (
    `${people(preview.inside)} ${preview.inside === 1 ? "is" : "are"} inside this flow now. ` +
    (leaving
      ? `With the exit criteria as set, ${who} since they entered: they leave the flow now and get none of its remaining emails. `
      : "Nobody inside meets the exit criteria as set: nobody leaves now. ") +
    `${people(preview.inside - leaving)} ${preview.inside - leaving === 1 ? "stays" : "stay"} at their step. A new trigger or re-entry rule applies to new entries only; from now on the exit criteria take people out as they happen.`
  );
}

function ReentryFields({ value, onChange }: { value: Reentry; onChange: (r: Reentry) => void }) {
  return (
    <fieldset className="space-y-2" aria-label="Re-entry">
      <legend className="text-sm font-medium text-slate-800">A person may enter</legend>
      <div className="flex flex-wrap items-center gap-2">
        <Select
          name="reentry-kind"
          aria-label="Re-entry rule"
          className="py-1.5 sm:w-72"
          value={value.kind}
          onChange={(e) => {
            const kind = e.target.value as Reentry["kind"];
            onChange(kind === "once_per_days" ? { kind, days: 30 } : { kind });
          }}
        >
          <option value="once">once ever</option>
          <option value="once_per_days">at most once per N days</option>
          <option value="every_time">every time (never twice at once)</option>
        </Select>
        {value.kind === "once_per_days" ? (
          <FieldSlot path="reentry.days">
            <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-700">
              once per
              <Input
                name="reentry-days"
                aria-label="Re-entry days"
                type="number"
                min={1}
                max={3650}
                className="w-24 py-1.5"
                value={Number.isFinite(value.days) ? value.days : ""}
                onChange={(e) => onChange({ kind: "once_per_days", days: e.target.valueAsNumber })}
              />
              days
            </label>
          </FieldSlot>
        ) : null}
      </div>
    </fieldset>
  );
}

function ExitFields({
  value,
  segments,
  onChange,
}: {
  value: ExitCriterion[];
  segments: SegmentChoice[];
  onChange: (c: ExitCriterion[]) => void;
}) {
  const set = (i: number, c: ExitCriterion) => onChange(value.map((x, j) => (j === i ? c : x)));
  return (
    <fieldset className="space-y-2" aria-label="Exit criteria">
      <legend className="text-sm font-medium text-slate-800">Takes people out at once, wherever they are, when they</legend>
      {value.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing yet: people go through every step. Add an exit such as a purchase below.</p>
      ) : null}
      <ol className="space-y-2">
        {value.map((c, i) => (
          <li key={i} className="rounded-md border border-slate-200 p-2" aria-label={`Exit ${i + 1}`}>
            <div className="mb-2 flex flex-wrap items-center gap-2">
              <Select
                name={`exit-${i}-kind`}
                aria-label={`Exit ${i + 1} kind`}
                className="py-1 text-sm sm:w-56"
                value={c.kind === "left_segment" ? "left_segment" : "event"}
                onChange={(e) =>
                  set(
                    i,
                    e.target.value === "left_segment" ? { kind: "left_segment", segmentId: "" } : { kind: "event", event: "", where: [] },
                  )
                }
              >
                <option value="event">do an event</option>
                <option value="left_segment">leave a segment</option>
              </Select>
              <button
                type="button"
                className="ml-auto text-xs text-slate-500 hover:text-rose-600"
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                Remove exit {i + 1}
              </button>
            </div>
            {c.kind === "left_segment" ? (
              <FieldSlot path={`exitOn.${i}.segmentId`}>
                <SegmentSelect
                  label={`Exit ${i + 1} segment`}
                  name={`exit-${i}-segment`}
                  className="py-1.5 sm:w-80"
                  value={c.segmentId}
                  segments={segments}
                  onChange={(segmentId) => set(i, { kind: "left_segment", segmentId })}
                />
              </FieldSlot>
            ) : (
              <EventMatchFields
                label={`Exit ${i + 1} event`}
                path={`exitOn.${i}`}
                value={c}
                onChange={(m) => set(i, { kind: "event", ...m })}
              />
            )}
          </li>
        ))}
      </ol>
      {value.length < 10 ? (
        <button
          type="button"
          className="text-sm font-medium text-indigo-600 hover:underline"
          onClick={() => onChange([...value, { kind: "event", event: "Order Completed", where: [] }])}
        >
          + Add an exit criterion
        </button>
      ) : null}
    </fieldset>
  );
}

/**
 * The flow's name, trigger, re-entry rule and exit criteria. Saving a live or paused flow with
 * people inside first states what happens to them, with the counts the save will apply.
 */
export function FlowSettingsEditor({
  id,
  status,
  initial,
  segments,
  segmentNames,
  onDone,
}: {
  id: string;
  status: string;
  initial: FlowSettings;
  segments: SegmentChoice[];
  segmentNames: Record<string, string>;
  onDone: () => void;
}) {
  const form = useFlowForm();
  const saveAndClose = useSaveAndClose(form, onDone);
  const [settings, setSettings] = useState(initial);
  const [preview, setPreview] = useState<FlowSettingsPreview | null>(null);
  const names = { ...segmentNames, ...Object.fromEntries(segments.map((s) => [s.id, s.name])) };
  const set = (patch: Partial<FlowSettings>) => {
    setSettings({ ...settings, ...patch });
    setPreview(null);
  };
  const save = () => saveAndClose(saveFlowSettingsAction, { id, settings }, () => setPreview(null));

  async function askFirst() {
    // The server checks the same schema; checking here names each field before any count is asked for.
    if (!form.check(flowSettingsSchema, settings)) return;
    if (status === "draft") return save();
    await form.submit(previewFlowSettingsAction, { id, exitOn: settings.exitOn }, (data) =>
      data.inside === 0 ? void save() : setPreview(data),
    );
  }

  return (
    <div className="space-y-4" role="region" aria-label="Flow settings editor">
      <FlowFormSummary form={form} />
      <FlowFormFields form={form}>
        <FieldSlot path="name">
          <label className="block text-sm font-medium text-slate-800">
            Name
            <Input name="flow-name" className="mt-1 py-1.5" value={settings.name} onChange={(e) => set({ name: e.target.value })} />
          </label>
        </FieldSlot>
        <FieldSlot path="description">
          <label className="block text-sm font-medium text-slate-800">
            Description
            <Textarea
              name="flow-description"
              rows={2}
              className="mt-1"
              value={settings.description}
              onChange={(e) => set({ description: e.target.value })}
            />
          </label>
        </FieldSlot>
        <TriggerFields value={settings.trigger} segments={segments} onChange={(trigger) => set({ trigger })} />
        <ReentryFields value={settings.reentry} onChange={(reentry) => set({ reentry })} />
        <ExitFields value={settings.exitOn} segments={segments} onChange={(exitOn) => set({ exitOn })} />
      </FlowFormFields>
      <p className="text-xs text-slate-500">
        People already inside: a new trigger or re-entry rule applies to new entries only. Exit criteria apply to them too: those who
        already did the exit event (or left the exit segment) since they entered leave when you save.
      </p>
      {preview ? (
        <ConfirmEdit
          effect={settingsEffect(preview, names)}
          pending={form.pending}
          confirmLabel="Yes, save the settings"
          onConfirm={() => void save()}
          onCancel={() => setPreview(null)}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button disabled={form.pending} onClick={() => void askFirst()}>
            {form.pending ? "Checking…" : "Save settings"}
          </Button>
          <Button variant="secondary" disabled={form.pending} onClick={onDone}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
