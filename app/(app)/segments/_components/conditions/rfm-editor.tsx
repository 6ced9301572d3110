"use client";

import { rfmSegmentNames } from "@/lib/features/rfm-grid";
import { OpSelect } from "../op-select";
import { control } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

type RfmField = ConditionOf<"rfm">["field"];

/** An RFM segment name, code or score, and the value. */
export function RfmEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"rfm">>) {
  const set = (patch: Partial<ConditionOf<"rfm">>) => onChange({ ...c, ...patch });
  const isName = c.field === "segment";
  return (
    <>
      <select
        aria-label="RFM field"
        className={control}
        value={c.field}
        onChange={(e) => {
          const field = e.target.value as RfmField;
          set({ field, op: "eq", value: field === "segment" ? "Champions" : field === "code" ? "555" : 5 });
        }}
      >
        <option value="segment">segment name</option>
        <option value="r">R score</option>
        <option value="f">F score</option>
        <option value="m">M score</option>
        <option value="code">code</option>
      </select>
      <OpSelect
        ops={isName || c.field === "code" ? (["eq", "neq"] as const) : (["eq", "neq", "gte", "lte"] as const)}
        value={c.op}
        onChange={(op) => set({ op })}
      />
      {isName ? (
        <select aria-label="RFM segment" className={control} value={String(c.value)} onChange={(e) => set({ value: e.target.value })}>
          {rfmSegmentNames.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      ) : c.field === "code" ? (
        <input
          aria-label="RFM code"
          className={`${control} w-20`}
          value={String(c.value)}
          onChange={(e) => set({ value: e.target.value })}
        />
      ) : (
        <input
          aria-label="Score"
          type="number"
          min={1}
          max={5}
          className={`${control} w-16`}
          value={Number(c.value)}
          onChange={(e) => set({ value: Math.min(5, Math.max(1, Number(e.target.value) || 1)) })}
        />
      )}
    </>
  );
}
