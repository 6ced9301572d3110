"use client";

import type { TimeUnit, ValueType } from "@/lib/segments/condition-fields";
import { control, SuggestInput } from "./suggest-input";
import { UnitSelect } from "./unit-select";

/** The value fields of a comparison (attribute and feature conditions). */
export interface ComparedValue {
  op: string;
  value?: string | number | boolean;
  value2?: string | number;
  unit?: TimeUnit;
}

/** Value inputs for a comparison of the given type and operator. */
export function ValueInputs({
  compared,
  valueType,
  onChange,
  suggest,
}: {
  compared: ComparedValue;
  valueType: ValueType;
  onChange: (patch: Partial<ComparedValue>) => void;
  suggest?: { kind: string; params: Record<string, string | undefined> };
}) {
  const { op } = compared;
  if (op.startsWith("is_") || op === "exists" || op === "not_exists") return null;
  if (op === "in_last" || op === "not_in_last") {
    return (
      <>
        <input
          aria-label="Amount"
          type="number"
          min={1}
          className={`${control} w-20`}
          value={Number(compared.value ?? 30)}
          onChange={(e) => onChange({ value: Number(e.target.value) })}
        />
        <UnitSelect value={compared.unit ?? "days"} onChange={(unit) => onChange({ unit })} />
      </>
    );
  }
  const input = (key: "value" | "value2", label: string) => {
    const current = compared[key];
    return valueType === "number" ? (
      <input
        aria-label={label}
        type="number"
        className={`${control} w-28`}
        value={current === undefined || current === "" ? "" : Number(current)}
        onChange={(e) => onChange({ [key]: e.target.value === "" ? "" : Number(e.target.value) })}
      />
    ) : valueType === "date" ? (
      <input
        aria-label={label}
        type="date"
        className={control}
        value={String(current ?? "").slice(0, 10)}
        onChange={(e) => onChange({ [key]: e.target.value ? `${e.target.value}T00:00:00.000Z` : "" })}
      />
    ) : suggest ? (
      <SuggestInput
        label={label}
        kind={suggest.kind}
        params={suggest.params}
        value={String(current ?? "")}
        onChange={(v) => onChange({ [key]: v })}
        placeholder="value"
      />
    ) : (
      <input
        aria-label={label}
        className={`${control} w-44`}
        value={String(current ?? "")}
        onChange={(e) => onChange({ [key]: e.target.value })}
      />
    );
  };
  return op === "between" ? (
    <>
      {input("value", "From")}
      <span className="text-sm text-slate-500">and</span>
      {input("value2", "To")}
    </>
  ) : (
    input("value", "Value")
  );
}
