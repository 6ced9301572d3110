"use client";

import type { countOps } from "@/lib/segments/condition-fields";
import { FiltersEditor } from "../filters-editor";
import { control, SuggestInput } from "../suggest-input";
import { WindowEditor } from "../window-editor";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** Did (or did not do) an event, how many times, in which window, with which property filters. */
export function EventEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"event">>) {
  const set = (patch: Partial<ConditionOf<"event">>) => onChange({ ...c, ...patch });
  return (
    <div className="w-full">
      <div className="flex flex-wrap items-center gap-1.5">
        <select
          aria-label="Did or did not"
          className={control}
          value={c.did === false ? "no" : "yes"}
          onChange={(e) => set({ did: e.target.value === "yes" })}
        >
          <option value="yes">did</option>
          <option value="no">did not do</option>
        </select>
        <SuggestInput
          label="Event"
          kind="event"
          value={c.eventType}
          onChange={(eventType) => set({ eventType })}
          placeholder="event name"
          words
        />
        {c.did === false ? null : (
          <>
            <select
              aria-label="Count operator"
              className={control}
              value={c.countOp ?? "gte"}
              onChange={(e) => set({ countOp: e.target.value as (typeof countOps)[number] })}
            >
              <option value="gte">at least</option>
              <option value="lte">at most</option>
              <option value="eq">exactly</option>
            </select>
            <input
              aria-label="Times"
              type="number"
              min={0}
              className={`${control} w-16`}
              value={Number(c.count ?? 1)}
              onChange={(e) => set({ count: Math.max(0, Number(e.target.value) || 0) })}
            />
            <span className="text-sm text-slate-500">times</span>
          </>
        )}
        <WindowEditor value={c.window} onChange={(window) => set({ window })} />
      </div>
      <FiltersEditor eventType={c.eventType} where={c.where ?? []} onChange={(where) => set({ where })} />
    </div>
  );
}
