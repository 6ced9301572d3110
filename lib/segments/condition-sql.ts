import { AppError } from "../errors";
import type { PropertyFilter, RuleWindow, TimeUnit, ValueType } from "./condition-fields";
import type { CompileContext, CustomerSet } from "./conditions/types";
import { durationMs, windowBounds } from "./window-bounds";

/** SQL building blocks the condition kinds share (conditions/<kind>/sql.ts). */

export function badCondition(ctx: CompileContext, message: string): never {
  throw new AppError("unprocessable", `Condition ${ctx.label}: ${message}`);
}

export function numberValue(ctx: CompileContext, v: unknown, what = "value"): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) badCondition(ctx, `the ${what} must be a number (got ${JSON.stringify(v ?? null)}).`);
  return n;
}

function dateValue(ctx: CompileContext, v: unknown, what = "date"): Date {
  const d = typeof v === "string" || typeof v === "number" ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) badCondition(ctx, `the ${what} must be a date like 2024-01-31 (got ${JSON.stringify(v ?? null)}).`);
  return d;
}

export function textValue(ctx: CompileContext, v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  badCondition(ctx, "a value is needed.");
}

/** Comparison of the scalar expression x with the condition's value(s), by value type. */
export function compareSql(
  ctx: CompileContext,
  x: string,
  valueType: ValueType,
  op: string,
  value: unknown,
  value2: unknown,
  unit?: TimeUnit,
  integerColumn = false,
): string {
  const p = ctx.params;
  // An integer column compared with a whole number: a bigint parameter (no cast of the column to
  // numeric on every row, and its index applies); any other number stays numeric.
  const number = (v: unknown, what?: string): string => {
    const n = numberValue(ctx, v, what);
    return p.add(n, integerColumn && Number.isInteger(n) ? "bigint" : "numeric");
  };
  const str = (v: unknown) => p.add(textValue(ctx, v), "text");
  if (valueType === "text") {
    switch (op) {
      case "eq":
        return `${x} = ${str(value)}`;
      case "neq":
        return `${x} IS DISTINCT FROM ${str(value)}`;
      case "contains":
        return `strpos(${x}, ${str(value)}) > 0`;
      case "not_contains":
        return `coalesce(strpos(${x}, ${str(value)}), 0) = 0`;
      case "starts_with": {
        const v = str(value);
        return `left(${x}, char_length(${v})) = ${v}`;
      }
      case "ends_with": {
        const v = str(value);
        return `right(${x}, char_length(${v})) = ${v}`;
      }
      case "is_empty":
        return `(${x} IS NULL OR ${x} = '')`;
      case "is_not_empty":
        return `(${x} IS NOT NULL AND ${x} <> '')`;
    }
  } else if (valueType === "number") {
    switch (op) {
      case "eq":
        return `${x} = ${number(value)}`;
      case "neq":
        return `${x} IS DISTINCT FROM ${number(value)}`;
      case "gt":
        return `${x} > ${number(value)}`;
      case "gte":
        return `${x} >= ${number(value)}`;
      case "lt":
        return `${x} < ${number(value)}`;
      case "lte":
        return `${x} <= ${number(value)}`;
      case "between":
        return `${x} BETWEEN ${number(value, "lower bound")} AND ${number(value2, "upper bound")}`;
      case "is_empty":
        return `${x} IS NULL`;
      case "is_not_empty":
        return `${x} IS NOT NULL`;
    }
  } else if (valueType === "date") {
    const at = (v: unknown, what?: string) => p.add(dateValue(ctx, v, what), "timestamptz");
    switch (op) {
      case "before":
        return `${x} < ${at(value)}`;
      case "after":
        return `${x} > ${at(value)}`;
      case "between":
        return `(${x} >= ${at(value, "start")} AND ${x} < ${at(value2, "end")})`;
      case "in_last": {
        const from = new Date(ctx.ref.getTime() - durationMs(numberValue(ctx, value, "amount"), unit ?? "days"));
        return `(${x} > ${p.add(from, "timestamptz")} AND ${x} <= ${p.add(ctx.ref, "timestamptz")})`;
      }
      case "not_in_last": {
        const from = new Date(ctx.ref.getTime() - durationMs(numberValue(ctx, value, "amount"), unit ?? "days"));
        return `${x} <= ${p.add(from, "timestamptz")}`;
      }
      case "is_empty":
        return `${x} IS NULL`;
      case "is_not_empty":
        return `${x} IS NOT NULL`;
    }
  } else {
    switch (op) {
      case "is_true":
        return `${x} = true`;
      case "is_false":
        return `${x} = false`;
      case "is_empty":
        return `${x} IS NULL`;
    }
  }
  badCondition(ctx, `the operator "${op}" does not apply to ${valueType} values.`);
}

/** `t` within the window (relative windows end at the reference date; nothing after it counts). */
export function windowSql(ctx: CompileContext, t: string, window: RuleWindow): string {
  const b = windowBounds(window, ctx.ref);
  const parts = [`${t} <= ${ctx.params.add(b.until, "timestamptz")}`];
  if (b.from) parts.push(`${t} ${b.fromInclusive ? ">=" : ">"} ${ctx.params.add(b.from, "timestamptz")}`);
  if (b.before) parts.push(`${t} < ${ctx.params.add(b.before, "timestamptz")}`);
  return parts.join(" AND ");
}

/** A property filter on the JSON column `props` (the key is a parameter, never part of the text). */
export function propertySql(ctx: CompileContext, props: string, f: PropertyFilter): string {
  const p = ctx.params;
  const k = p.add(f.key, "text");
  const numeric = `(CASE WHEN jsonb_typeof(${props} -> ${k}) = 'number' THEN (${props} ->> ${k})::numeric END)`;
  const number = () => p.add(numberValue(ctx, f.value, `value of ${f.key}`), "numeric");
  switch (f.op) {
    case "eq":
      return `(${props} ->> ${k}) = ${p.add(textValue(ctx, f.value), "text")}`;
    case "neq":
      return `(${props} ->> ${k}) IS DISTINCT FROM ${p.add(textValue(ctx, f.value), "text")}`;
    case "contains":
      return `strpos(${props} ->> ${k}, ${p.add(textValue(ctx, f.value), "text")}) > 0`;
    case "gt":
      return `${numeric} > ${number()}`;
    case "gte":
      return `${numeric} >= ${number()}`;
    case "lt":
      return `${numeric} < ${number()}`;
    case "lte":
      return `${numeric} <= ${number()}`;
    case "exists":
      return `(${props} -> ${k}) IS NOT NULL`;
    case "not_exists":
      return `(${props} -> ${k}) IS NULL`;
  }
}

export type CountOp = "gte" | "lte" | "eq" | "gt" | "lt";

/** The comparison as a predicate on numbers (e.g. whether 0 meets it). */
export const countPredicate = (op: CountOp, n: number) => (x: number) =>
  op === "gte" ? x >= n : op === "lte" ? x <= n : op === "gt" ? x > n : op === "lt" ? x < n : x === n;
const sqlOp = { gte: ">=", lte: "<=", eq: "=", gt: ">", lt: "<" } as const;

/**
 * Customers whose aggregate over matching rows (`from`: a query of customer ids) meets `op value`.
 * When zero rows (aggregate 0) meet it, customers without rows match too: the set is then everyone
 * but those whose aggregate fails.
 */
export function aggregateSet(from: string, agg: string, op: CountOp, value: string, zeroMeets: boolean): CustomerSet {
  return zeroMeets
    ? { sql: `${from} GROUP BY 1 HAVING NOT (${agg} ${sqlOp[op]} ${value})`, negated: true }
    : { sql: `${from} GROUP BY 1 HAVING ${agg} ${sqlOp[op]} ${value}`, negated: false };
}

/** The subquery restriction to the customers being evaluated, if any, as a list of 0 or 1 filters. */
export const scopeFilters = (ctx: CompileContext, column: string): string[] => (ctx.scope ? [ctx.scope(column)] : []);
