"use client";

import type { RuleWindow } from "@/lib/segments/condition-fields";
import { control } from "./suggest-input";
import { UnitSelect } from "./unit-select";

/** "ever" / "in the last N units" / "between two dates". */
export function WindowEditor({ value, onChange }: { value: RuleWindow; onChange: (w: RuleWindow) => void }) {
  const day = (iso: string) => iso.slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <select
        aria-label="When"
        className={control}
        value={value.type}
        onChange={(e) => {
          const t = e.target.value;
          onChange(
            t === "ever"
              ? { type: "ever" }
              : t === "last"
                ? { type: "last", amount: 30, unit: "days" }
                : { type: "between", from: `${today}T00:00:00.000Z`, to: `${today}T23:59:59.000Z` },
          );
        }}
      >
        <option value="ever">ever</option>
        <option value="last">in the last</option>
        <option value="between">between</option>
      </select>
      {value.type === "last" ? (
        <>
          <input
            aria-label="Amount"
            type="number"
            min={1}
            className={`${control} w-20`}
            value={value.amount}
            onChange={(e) => onChange({ ...value, amount: Math.max(1, Number(e.target.value) || 1) })}
          />
          <UnitSelect value={value.unit} onChange={(unit) => onChange({ ...value, unit })} />
        </>
      ) : null}
      {value.type === "between" ? (
        <>
          <input
            aria-label="From"
            type="date"
            className={control}
            value={day(value.from)}
            onChange={(e) => e.target.value && onChange({ ...value, from: `${e.target.value}T00:00:00.000Z` })}
          />
          <span className="text-sm text-slate-500">and</span>
          <input
            aria-label="To"
            type="date"
            className={control}
            value={day(value.to)}
            onChange={(e) => e.target.value && onChange({ ...value, to: `${e.target.value}T23:59:59.000Z` })}
          />
        </>
      ) : null}
    </span>
  );
}
