"use client";

import { useQuery } from "@tanstack/react-query";
import { segmentQueries } from "@/lib/query/segments";
import { control } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** May (or may not) be used for a consent purpose: every purpose of the Privacy page, built-in or added. */
export function ConsentEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"consent">>) {
  const set = (patch: Partial<ConditionOf<"consent">>) => onChange({ ...c, ...patch });
  const { data: purposes } = useQuery(segmentQueries.suggestions("purpose"));
  const options = purposes ?? [{ value: c.purpose, label: c.purpose.replace(/_/g, " ") }];
  return (
    <>
      <select
        aria-label="May or may not"
        className={control}
        value={c.allowed === false ? "no" : "yes"}
        onChange={(e) => set({ allowed: e.target.value === "yes" })}
      >
        <option value="yes">may be used for</option>
        <option value="no">may not be used for</option>
      </select>
      <select aria-label="Purpose" className={control} value={c.purpose} onChange={(e) => set({ purpose: e.target.value })}>
        {options.some((o) => o.value === c.purpose) ? null : (
          <option value={c.purpose}>{c.purpose.replace(/_/g, " ")} (no longer defined)</option>
        )}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label ?? o.value}
          </option>
        ))}
      </select>
    </>
  );
}
