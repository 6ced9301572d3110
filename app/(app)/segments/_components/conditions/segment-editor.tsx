"use client";

import { control, SuggestInput } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** In (or not in) another segment. */
export function SegmentEditor({ condition: c, onChange, segmentId }: ConditionEditorProps<ConditionOf<"segment">>) {
  const set = (patch: Partial<ConditionOf<"segment">>) => onChange({ ...c, ...patch });
  return (
    <>
      <select
        aria-label="In or not in"
        className={control}
        value={c.in === false ? "no" : "yes"}
        onChange={(e) => set({ in: e.target.value === "yes" })}
      >
        <option value="yes">is in</option>
        <option value="no">is not in</option>
      </select>
      <SuggestInput
        label="Segment"
        kind="segment"
        value={c.segmentId}
        onChange={(next) => set({ segmentId: next })}
        placeholder="segment id"
      />
      {segmentId ? <span className="text-xs text-slate-500">(a segment cannot use itself)</span> : null}
    </>
  );
}
