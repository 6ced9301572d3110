import type { RejectedField } from "../create-rejection-recorder";
import { parseDecimal } from "./parse-decimal";

/** An amount that fits Tailor's money columns (|x| < 10^9, rounded to 3 decimals by PostgreSQL), or a problem. */
export function parseAmount(
  value: string | undefined,
  field: string,
  problems: RejectedField[],
  opts: { required?: boolean } = {},
): string | null {
  const v = (value ?? "").trim();
  if (v === "") {
    if (opts.required) problems.push({ field, reason: "missing amount" });
    return null;
  }
  const d = parseDecimal(v);
  if (d === null) {
    problems.push({ field, reason: `not an amount: "${v}"` });
    return null;
  }
  if (d.replace(/^-/, "").split(".")[0]!.length > 9) {
    problems.push({ field, reason: `amount too large: "${v}"` });
    return null;
  }
  return d;
}

/** A whole quantity that fits an integer column, or a problem. */
export function parseQuantity(value: string | undefined, field: string, problems: RejectedField[]): number | null {
  const v = (value ?? "").trim().replace(/[\s,']/g, "");
  const n = /^[+-]?\d{1,9}(?:\.0+)?$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) {
    problems.push({ field, reason: `not a whole number: "${(value ?? "").trim()}"` });
    return null;
  }
  return n;
}
