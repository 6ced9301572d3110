import type { PropertyFilter, RuleWindow } from "./condition-fields";
import { windowBounds } from "./window-bounds";

const HOUR_MS = 3_600_000;
const floorHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;

/**
 * The whole UTC hours [from, before) that lie entirely inside the window, or null when none do.
 * Event timestamps have millisecond precision, so an hour ending at B holds only times ≤ B − 1 ms.
 */
export function wholeHours(window: RuleWindow, ref: Date): { from: Date | null; before: Date } | null {
  const b = windowBounds(window, ref);
  let before = floorHour(b.until.getTime() + 1);
  if (b.before) before = Math.min(before, floorHour(b.before.getTime()));
  if (!b.from) return { from: null, before: new Date(before) };
  const f = b.from.getTime();
  const from = b.fromInclusive ? Math.ceil(f / HOUR_MS) * HOUR_MS : floorHour(f) + HOUR_MS;
  return from < before ? { from: new Date(from), before: new Date(before) } : null;
}

export interface EventRowsInput {
  /** The event type's placeholder. */
  type: string;
  window: RuleWindow;
  ref: Date;
  where: PropertyFilter[];
  /** The raw events' filters on `e` (customer, type, window, properties, scope). */
  rawFilters: string;
  /** The equality filter's value as text (validated by the caller). */
  value?: string;
  add: (value: unknown, type: "text" | "timestamptz") => string;
  /** Restriction to the customers being evaluated, on a customer_id column. */
  scope?: (column: string) => string;
  /** Known by the caller: whether the filter's (type, key) is rolled up (then no check in the SQL). */
  rolledUp?: boolean;
}

/**
 * Rows (customer_id, n) whose n add up to each customer's number of matching events: whole hours
 * from event_counts (index-only), the partial hours at the window's edges from events. Counts by
 * type need no property filter; one equality filter is read from event_counts when its (type, key)
 * is rolled up (a one-time check: otherwise the plan reads events alone). Null when the filters
 * need the raw events (several filters, other operators).
 */
export function eventRowsSql(input: EventRowsInput): string | null {
  const { where, add } = input;
  if (where.length > 1 || (where.length === 1 && where[0]!.op !== "eq")) return null;
  const hours = wholeHours(input.window, input.ref);
  if (!hours) return null;
  const filter = where[0];
  // Known not rolled up: the raw events alone (before any parameter is added for the roll-up).
  if (filter && input.rolledUp === false) return `SELECT e.customer_id, 1 AS n FROM events e WHERE ${input.rawFilters}`;
  const key = filter ? add(filter.key, "text") : "''";
  const value = filter ? add(input.value ?? "", "text") : "''";
  const rollupFilters = [
    `r.type = ${input.type}`,
    `r.key = ${key}`,
    `r.value = ${value}`,
    `r.hour_start < ${add(hours.before, "timestamptz")}`,
  ];
  if (hours.from) rollupFilters.push(`r.hour_start >= ${add(hours.from, "timestamptz")}`);
  if (input.scope) rollupFilters.push(input.scope("r.customer_id"));
  // Postgres runs an uncorrelated EXISTS once and skips the branches it rules out.
  const ready =
    filter && input.rolledUp === undefined
      ? `EXISTS (SELECT 1 FROM event_rollup_keys k WHERE k.event_type = ${input.type} AND k.key = ${key})`
      : null;
  const guard = (on: boolean): string => (ready ? ` AND ${on ? "" : "NOT "}${ready}` : "");
  const edges = [`e.occurred_at >= ${add(hours.before, "timestamptz")}`];
  if (hours.from) edges.push(`e.occurred_at < ${add(hours.from, "timestamptz")}`);
  const branches = [
    `SELECT r.customer_id, r.n FROM event_counts r WHERE ${rollupFilters.join(" AND ")}${guard(true)}`,
    ...edges.map((edge) => `SELECT e.customer_id, 1 FROM events e WHERE ${input.rawFilters} AND ${edge}${guard(true)}`),
    ...(ready ? [`SELECT e.customer_id, 1 FROM events e WHERE ${input.rawFilters}${guard(false)}`] : []),
  ];
  return branches.join(" UNION ALL ");
}
