"use client";

import { timeUnits, type TimeUnit } from "@/lib/segments/condition-fields";
import { control } from "./suggest-input";

/** Minutes, hours or days. */
export function UnitSelect({ label = "Unit", value, onChange }: { label?: string; value: TimeUnit; onChange: (unit: TimeUnit) => void }) {
  return (
    <select aria-label={label} className={control} value={value} onChange={(e) => onChange(e.target.value as TimeUnit)}>
      {timeUnits.map((unit) => (
        <option key={unit} value={unit}>
          {unit}
        </option>
      ))}
    </select>
  );
}
