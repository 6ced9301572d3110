/** 406829 → "406,829". */
export const formatNumber = (n: number) => n.toLocaleString("en-GB");

/** Two columns, labels left, numbers right-aligned. */
export function formatRows(rows: [label: string, value: number | string, note?: string][], indent = "  "): string {
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const values = rows.map(([, v]) => (typeof v === "number" ? formatNumber(v) : v));
  const valueWidth = Math.max(...values.map((v) => v.length));
  return rows
    .map(([label, , note], i) => `${indent}${label.padEnd(labelWidth)}  ${values[i]!.padStart(valueWidth)}${note ? `  ${note}` : ""}`)
    .join("\n");
}
