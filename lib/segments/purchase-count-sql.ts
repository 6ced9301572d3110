import type { RuleWindow } from "./condition-fields";
import { windowBounds } from "./window-bounds";

/** customer_purchase_ranks keeps each customer's 5 most recent purchases. */
export const KEPT_RANKS = 5;

/**
 * A purchase count comparison as "at least n purchases" (negated: fewer than n) or "exactly n",
 * with 1 ≤ n ≤ 5 (exactly: n + 1 ≤ 5), or null when the kept ranks cannot decide it.
 */
export type RankTest = { kind: "at_least"; n: number; negated: boolean } | { kind: "exactly"; n: number };

export function rankTest(op: "gt" | "gte" | "lt" | "lte" | "eq", value: number): RankTest | null {
  const atLeast = (n: number, negated: boolean): RankTest | null => (n >= 1 && n <= KEPT_RANKS ? { kind: "at_least", n, negated } : null);
  switch (op) {
    case "gte":
      return atLeast(Math.ceil(value), false);
    case "gt":
      return atLeast(Math.floor(value) + 1, false);
    case "lt":
      return atLeast(Math.ceil(value), true);
    case "lte":
      return atLeast(Math.floor(value) + 1, true);
    case "eq":
      return Number.isInteger(value) && value >= 1 && value + 1 <= KEPT_RANKS ? { kind: "exactly", n: value } : null;
  }
}

export interface PurchaseCountInput {
  test: RankTest;
  /** "ever" or "last": windows that end at the reference date. */
  window: Extract<RuleWindow, { type: "ever" | "last" }>;
  ref: Date;
  /** The existing form's rows: `SELECT o.customer_id FROM orders o WHERE …` (purchases in the window, scoped). */
  aggregateFrom: string;
  /** Its HAVING clause for the condition's own comparison (the positive set: at least n, or exactly n). */
  having: string;
  add: (value: unknown, type: "int" | "timestamptz") => string;
  scope?: (column: string) => string;
  /** Known by the caller: then only the branch that answers, without the check. */
  purchasesAfterRef?: boolean;
}

/**
 * The customers with at least n purchases in the window (or exactly n), as one SELECT of ids: the
 * n-th most recent purchase after the window's start, an index-only range scan of
 * customer_purchase_ranks. The ranks count purchases up to now, so they answer only when no purchase
 * lies after the reference date (a pinned one may): a one-time check on orders' window index picks
 * that branch or the aggregate over orders (Postgres runs an uncorrelated EXISTS once and skips the
 * branch it rules out).
 */
export function purchaseCountSetSql(input: PurchaseCountInput): string {
  const { test, add } = input;
  const from = input.window.type === "last" ? windowBounds(input.window, input.ref).from : undefined;
  const after = (alias: string): string[] => (from ? [`${alias}.placed_at > ${add(from, "timestamptz")}`] : []);
  // Known: purchases after the reference date, so the aggregate alone (no parameter added for the ranks).
  if (input.purchasesAfterRef === true) return `${input.aggregateFrom} GROUP BY 1 HAVING ${input.having}`;
  const ranks = [`r.n = ${add(test.n, "int")}`, ...after("r"), ...(input.scope ? [input.scope("r.customer_id")] : [])];
  if (test.kind === "exactly") {
    ranks.push(
      `NOT EXISTS (SELECT 1 FROM customer_purchase_ranks r2 WHERE r2.customer_id = r.customer_id AND r2.n = ${add(test.n + 1, "int")}${after(
        "r2",
      )
        .map((x) => ` AND ${x}`)
        .join("")})`,
    );
  }
  const fromRanks = `SELECT r.customer_id FROM customer_purchase_ranks r WHERE ${ranks.join(" AND ")}`;
  if (input.purchasesAfterRef === false) return fromRanks;
  const noneLater = `NOT EXISTS (SELECT 1 FROM orders g WHERE g.kind = 'purchase' AND g.placed_at > ${add(input.ref, "timestamptz")})`;
  return [`${fromRanks} AND ${noneLater}`, `${input.aggregateFrom} AND NOT ${noneLater} GROUP BY 1 HAVING ${input.having}`].join(
    " UNION ALL ",
  );
}
