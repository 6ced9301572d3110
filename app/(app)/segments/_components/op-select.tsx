"use client";

import { control } from "./suggest-input";

const opLabels: Record<string, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  gt: "more than",
  gte: "at least",
  lt: "less than",
  lte: "at most",
  between: "between",
  before: "before",
  after: "after",
  in_last: "in the last",
  not_in_last: "more than … ago",
  is_true: "is true",
  is_false: "is false",
  in: "is one of",
  exists: "exists",
  not_exists: "does not exist",
};

/** An operator menu over the given operators. */
export function OpSelect<Op extends string>({ ops, value, onChange }: { ops: readonly Op[]; value: Op; onChange: (op: Op) => void }) {
  return (
    <select aria-label="Operator" className={control} value={value} onChange={(e) => onChange(e.target.value as Op)}>
      {ops.map((op) => (
        <option key={op} value={op}>
          {opLabels[op] ?? op}
        </option>
      ))}
    </select>
  );
}
