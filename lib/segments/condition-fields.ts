import { z } from "zod";

/**
 * The value schemas several condition kinds share (operators, time windows, event property
 * filters); client-safe. Each kind's own schema lives in conditions/<kind>/schema.ts.
 */

export const text = z.string().max(500);
export const eventType = z.string().min(1, "Choose an event").max(200);
const propertyKey = z.string().min(1, "Choose a property").max(200);

export const textOps = ["eq", "neq", "contains", "not_contains", "starts_with", "ends_with", "is_empty", "is_not_empty"] as const;
export const numberOps = ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty"] as const;
export const dateOps = ["before", "after", "between", "in_last", "not_in_last", "is_empty", "is_not_empty"] as const;
export const booleanOps = ["is_true", "is_false", "is_empty"] as const;
export const countOps = ["gte", "lte", "eq"] as const;
export type ValueType = "text" | "number" | "date" | "boolean";

export const timeUnits = ["minutes", "hours", "days"] as const;
export type TimeUnit = (typeof timeUnits)[number];
export const amount = z.number().int().min(1).max(100_000);

/** Relative ("in the last N days", measured back from the reference date), absolute, or ever. */
export const windowSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ever") }),
  z.object({ type: z.literal("last"), amount, unit: z.enum(timeUnits) }),
  z.object({ type: z.literal("between"), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
]);
/** A condition's window, "ever" when absent. */
export const windowOrEverSchema = windowSchema.default({ type: "ever" });
export type RuleWindow = z.infer<typeof windowSchema>;

export const propertyFilterOps = ["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists", "not_exists"] as const;
export const propertyFilterSchema = z.object({
  key: propertyKey,
  op: z.enum(propertyFilterOps),
  value: z.union([text, z.number()]).optional(),
});
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;
/** The property filters of an event: all must hold. */
export const propertyFiltersSchema = z.array(propertyFilterSchema).max(10).default([]);

/**
 * A data key as words, for people: "product_viewed" → "Product viewed", "firstName" → "First name",
 * "Order Completed" stays. The builder shows these, with the key itself in a tooltip.
 */
export function keyWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .replace(/\s+/g, " ");
  if (!words) return key;
  // camelCase and snake_case keys read in sentence case; a key already written in words keeps its capitals.
  const sentence = /[_\-.]|[a-z][A-Z]/.test(key) || key === key.toLowerCase() ? words.toLowerCase() : words;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** A comparison's value(s): `value2` is the upper bound of "between". */
const valueFields = {
  value: z.union([text, z.number(), z.boolean()]).optional(),
  value2: z.union([text, z.number()]).optional(),
};

/** A comparison with a value: an operator of any of the lists, its value(s), and the unit of "in the last". */
export function comparisonFields(...opLists: readonly (readonly string[])[]) {
  return {
    op: z.enum([...new Set(opLists.flat())] as [string, ...string[]]),
    ...valueFields,
    unit: z.enum(timeUnits).optional(),
  };
}

/** Plain-language text of the operators (descriptions, explanations). */
export const opText: Record<string, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  before: "is before",
  after: "is after",
  in_last: "is in the last",
  not_in_last: "is more than",
  is_true: "is true",
  is_false: "is false",
  in: "is one of",
  exists: "exists",
  not_exists: "does not exist",
};

export function describeWindow(w: RuleWindow): string {
  if (w.type === "ever") return "ever";
  if (w.type === "last") return `in the last ${w.amount} ${w.unit}`;
  return `between ${w.from.slice(0, 10)} and ${w.to.slice(0, 10)}`;
}

/** A value as the descriptions quote it. */
export const quote = (v: unknown) => JSON.stringify(v ?? "");

export function describeFilter(f: PropertyFilter): string {
  return f.op === "exists" || f.op === "not_exists" ? `${f.key} ${opText[f.op]}` : `${f.key} ${opText[f.op]} ${quote(f.value)}`;
}

/** The value part of a comparison's description (" 30 days", ' "a" and "b"', or nothing). */
export function describeValue(op: string, value: unknown, value2: unknown, unit?: string): string {
  if (op.startsWith("is_") && op !== "is_true") return "";
  if (op === "is_true" || op === "is_false") return "";
  if (op === "between") return ` ${quote(value)} and ${quote(value2)}`;
  if (op === "in_last") return ` ${String(value)} ${unit ?? "days"}`;
  if (op === "not_in_last") return ` ${String(value)} ${unit ?? "days"} ago`;
  return ` ${quote(value)}`;
}
