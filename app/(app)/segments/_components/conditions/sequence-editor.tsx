"use client";

import { control, SuggestInput } from "../suggest-input";
import { UnitSelect } from "../unit-select";
import { WindowEditor } from "../window-editor";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** Did a first event in a window, and then (or not) a second one within a time after it. */
export function SequenceEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"sequence">>) {
  const set = (patch: Partial<ConditionOf<"sequence">>) => onChange({ ...c, ...patch });
  const { first, then, within } = c;
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <span className="text-sm text-slate-600">did</span>
      <SuggestInput
        label="First event"
        kind="event"
        value={first.eventType}
        onChange={(eventType) => set({ first: { ...first, eventType } })}
        words
      />
      <WindowEditor value={c.window} onChange={(window) => set({ window })} />
      <select
        aria-label="Then did or not"
        className={control}
        value={c.thenDid ? "yes" : "no"}
        onChange={(e) => set({ thenDid: e.target.value === "yes" })}
      >
        <option value="no">and not</option>
        <option value="yes">and then</option>
      </select>
      <SuggestInput
        label="Then event"
        kind="event"
        value={then.eventType}
        onChange={(eventType) => set({ then: { ...then, eventType } })}
        words
      />
      <span className="text-sm text-slate-600">within</span>
      <input
        aria-label="Within amount"
        type="number"
        min={1}
        className={`${control} w-16`}
        value={within.amount}
        onChange={(e) => set({ within: { ...within, amount: Math.max(1, Number(e.target.value) || 1) } })}
      />
      <UnitSelect label="Within unit" value={within.unit} onChange={(unit) => set({ within: { ...within, unit } })} />
      <span className="text-sm text-slate-600">after</span>
    </div>
  );
}
