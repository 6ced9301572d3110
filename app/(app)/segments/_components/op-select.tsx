"use client";

import { opText } from "@/lib/segments/condition-fields";
import { control } from "./suggest-input";

/** The operators as the builder's menus name them (after "is", "did … times"): the descriptions' words, shorter. */
const opLabels: Record<string, string> = {
  ...opText,
  gt: "more than",
  gte: "at least",
  lt: "less than",
  lte: "at most",
  between: "between",
  before: "before",
  after: "after",
  in_last: "in the last",
  not_in_last: "more than … ago",
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
