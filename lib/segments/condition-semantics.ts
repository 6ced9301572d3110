import type { PropertyFilter, TimeUnit, ValueType } from "./condition-fields";
import { durationMs } from "./window-bounds";

/**
 * Reference semantics the condition kinds share (conditions/<kind>/semantics.ts): plain TypeScript
 * over values held in memory, written for obviousness, never used on real data.
 */

export type RefValue = string | number | boolean | Date | null | undefined;

export function compareValue(valueType: ValueType, op: string, x: RefValue, v: unknown, v2: unknown, ref: Date, unit?: TimeUnit): boolean {
  const empty = x === null || x === undefined;
  if (valueType === "text") {
    const s = empty ? null : String(x);
    const val = String(v);
    switch (op) {
      case "eq":
        return s === val;
      case "neq":
        return s !== val;
      case "contains":
        return s !== null && s.includes(val);
      case "not_contains":
        return s === null || !s.includes(val);
      case "starts_with":
        return s !== null && s.startsWith(val);
      case "ends_with":
        return s !== null && s.endsWith(val);
      case "is_empty":
        return s === null || s === "";
      case "is_not_empty":
        return s !== null && s !== "";
    }
  }
  if (valueType === "number") {
    const n = empty ? null : Number(x);
    switch (op) {
      case "eq":
        return n !== null && n === Number(v);
      case "neq":
        return n === null || n !== Number(v);
      case "gt":
        return n !== null && n > Number(v);
      case "gte":
        return n !== null && n >= Number(v);
      case "lt":
        return n !== null && n < Number(v);
      case "lte":
        return n !== null && n <= Number(v);
      case "between":
        return n !== null && n >= Number(v) && n <= Number(v2);
      case "is_empty":
        return n === null;
      case "is_not_empty":
        return n !== null;
    }
  }
  if (valueType === "date") {
    const t = empty ? null : (x as Date).getTime();
    switch (op) {
      case "before":
        return t !== null && t < new Date(v as string).getTime();
      case "after":
        return t !== null && t > new Date(v as string).getTime();
      case "between":
        return t !== null && t >= new Date(v as string).getTime() && t < new Date(v2 as string).getTime();
      case "in_last":
        return t !== null && t > ref.getTime() - durationMs(Number(v), unit ?? "days") && t <= ref.getTime();
      case "not_in_last":
        return t !== null && t <= ref.getTime() - durationMs(Number(v), unit ?? "days");
      case "is_empty":
        return t === null;
      case "is_not_empty":
        return t !== null;
    }
  }
  switch (op) {
    case "is_true":
      return x === true;
    case "is_false":
      return x === false;
    case "is_empty":
      return typeof x !== "boolean";
  }
  throw new Error(`unknown op ${op}`);
}

/** How Postgres's ->> prints a JSON value (integers, strings and booleans are all the tests use). */
export function jsonText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

export function propertyMatches(props: Record<string, unknown>, f: PropertyFilter): boolean {
  const has = Object.prototype.hasOwnProperty.call(props, f.key);
  const raw = has ? props[f.key] : undefined;
  const t = jsonText(raw);
  switch (f.op) {
    case "eq":
      return t !== null && t === String(f.value);
    case "neq":
      return t !== String(f.value);
    case "contains":
      return t !== null && t.includes(String(f.value));
    case "gt":
      return typeof raw === "number" && raw > Number(f.value);
    case "gte":
      return typeof raw === "number" && raw >= Number(f.value);
    case "lt":
      return typeof raw === "number" && raw < Number(f.value);
    case "lte":
      return typeof raw === "number" && raw <= Number(f.value);
    case "exists":
      return has;
    case "not_exists":
      return !has;
  }
}

export const countMeets = (op: string, x: number, n: number) =>
  op === "gte" ? x >= n : op === "lte" ? x <= n : op === "gt" ? x > n : op === "lt" ? x < n : x === n;
