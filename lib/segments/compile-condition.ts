import { AppError } from "../errors";
import { clusterConditionSql } from "./cluster-sql";
import { consentAllowsSql, consentDefaultOptOutSql, consentLatestSql } from "./consent-sql";
import { featureNames, profileFields, type Condition, type PropertyFilter, type RuleWindow } from "./schemas";
import type { SqlParams } from "./sql-params";
import { eventRowsSql } from "./event-window-sql";
import { purchaseCountSetSql, rankTest } from "./purchase-count-sql";
import { durationMs, windowBounds } from "./window-bounds";

/**
 * One condition as a SQL boolean over `c` (customers) and `f` (customer_features, left-joined),
 * plus an expression for its deciding value (explanations). Every value is a parameter; only
 * whitelisted column names are ever written into the text.
 */
export interface CompiledCondition {
  sql: string;
  valueSql: string;
  /**
   * The condition as a set of customer ids: it holds exactly for the ids `sql` selects (one column,
   * repeats allowed), or, when `negated`, for everyone but them. Lets the preview count a rule from
   * its conditions' sets instead of evaluating every condition for every customer (decision 058).
   * Absent when the condition has no such form (a live cluster, a consent rule whose default is unknown).
   */
  set?: ConditionSet;
}

export type ConditionSet =
  | { sql: string; negated: boolean; features?: undefined }
  | {
      /**
       * A condition on customer_features alone, as its boolean over `f`: its customers are the rows
       * where it holds, plus the customers without a row when it holds on an all-null row. The
       * preview reads all such conditions of a rule in one scan of the table (set-algebra.ts).
       */
      features: string;
      negated: false;
      sql?: undefined;
    };

export interface CompileContext {
  params: SqlParams;
  ref: Date;
  /** Where the condition sits, for error messages ("condition 2.1"). */
  label: string;
  /**
   * Restricts every subquery to the customers being evaluated (a customer_id column in, SQL out), so
   * re-evaluating a few customers never aggregates everyone's events.
   */
  scope?: (customerIdColumn: string) => string;
  /**
   * Whether each consent purpose allows customers without a record (its default, read by the caller):
   * known, a consent condition gets a set form.
   */
  consentOptOut?: Partial<Record<string, boolean>>;
  /**
   * Facts the caller has just read, which otherwise the SQL checks itself (a one-time EXISTS that
   * picks a branch): with them the query has no such checks, and Postgres may run its parts in
   * parallel workers (the checks' init plans keep a plan in one process).
   */
  known?: KnownFacts;
}

export interface KnownFacts {
  /** Whether any purchase lies after the reference date (the kept purchase ranks then do not answer). */
  purchasesAfterRef: boolean;
  /** The (event type, property key) pairs event_counts rolls up, as `${type}\u0000${key}`. */
  rollupKeys: Set<string>;
}

const profileColumns: Record<string, string> = {
  email: "c.email",
  firstName: "c.first_name",
  lastName: "c.last_name",
  phone: "c.phone",
  country: "c.country",
  city: "c.city",
  firstSeenAt: "c.first_seen_at",
  lastSeenAt: "c.last_seen_at",
  createdAt: "c.created_at",
};

export const ISO_DATE =
  "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ][0-2][0-9]:[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?(Z|[+-][0-2][0-9](:?[0-5][0-9])?)?)?$";

const zeroDefaultFeatures = new Set(["frequency", "monetary", "categories", "opens_30", "opens_90", "clicks_30", "clicks_90"]);
/** Integer columns of customer_features. */
const integerFeatures = new Set(["frequency", "categories", "opens_30", "opens_90", "clicks_30", "clicks_90"]);

function bad(ctx: CompileContext, message: string): never {
  throw new AppError("unprocessable", `Condition ${ctx.label}: ${message}`);
}

function num(ctx: CompileContext, v: unknown, what = "value"): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) bad(ctx, `the ${what} must be a number (got ${JSON.stringify(v ?? null)}).`);
  return n;
}

function date(ctx: CompileContext, v: unknown, what = "date"): Date {
  const d = typeof v === "string" || typeof v === "number" ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) bad(ctx, `the ${what} must be a date like 2024-01-31 (got ${JSON.stringify(v ?? null)}).`);
  return d;
}

function str(ctx: CompileContext, v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  bad(ctx, "a value is needed.");
}

/** Comparison of the scalar expression x with the condition's value(s), by value type. */
export function compareSql(
  ctx: CompileContext,
  x: string,
  valueType: "text" | "number" | "date" | "boolean",
  op: string,
  value: unknown,
  value2: unknown,
  unit?: "minutes" | "hours" | "days",
  integerColumn = false,
): string {
  const p = ctx.params;
  // An integer column compared with a whole number: a bigint parameter (no cast of the column to
  // numeric on every row, and its index applies); any other number stays numeric.
  const number = (v: unknown, what?: string): string => {
    const n = num(ctx, v, what);
    return p.add(n, integerColumn && Number.isInteger(n) ? "bigint" : "numeric");
  };
  if (valueType === "text") {
    switch (op) {
      case "eq":
        return `${x} = ${p.add(str(ctx, value), "text")}`;
      case "neq":
        return `${x} IS DISTINCT FROM ${p.add(str(ctx, value), "text")}`;
      case "contains":
        return `strpos(${x}, ${p.add(str(ctx, value), "text")}) > 0`;
      case "not_contains":
        return `coalesce(strpos(${x}, ${p.add(str(ctx, value), "text")}), 0) = 0`;
      case "starts_with": {
        const v = p.add(str(ctx, value), "text");
        return `left(${x}, char_length(${v})) = ${v}`;
      }
      case "ends_with": {
        const v = p.add(str(ctx, value), "text");
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
    switch (op) {
      case "before":
        return `${x} < ${p.add(date(ctx, value), "timestamptz")}`;
      case "after":
        return `${x} > ${p.add(date(ctx, value), "timestamptz")}`;
      case "between":
        return `(${x} >= ${p.add(date(ctx, value, "start"), "timestamptz")} AND ${x} < ${p.add(date(ctx, value2, "end"), "timestamptz")})`;
      case "in_last": {
        const from = new Date(ctx.ref.getTime() - durationMs(num(ctx, value, "amount"), unit ?? "days"));
        return `(${x} > ${p.add(from, "timestamptz")} AND ${x} <= ${p.add(ctx.ref, "timestamptz")})`;
      }
      case "not_in_last": {
        const from = new Date(ctx.ref.getTime() - durationMs(num(ctx, value, "amount"), unit ?? "days"));
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
  bad(ctx, `the operator "${op}" does not apply to ${valueType} values.`);
}

function attributeExpr(ctx: CompileContext, cond: Extract<Condition, { kind: "attribute" }>): string {
  if (!cond.custom) {
    const column = profileColumns[cond.field];
    if (!column)
      bad(ctx, `"${cond.field}" is not a profile field (${Object.keys(profileFields).join(", ")}); custom attributes need custom: true.`);
    if (profileFields[cond.field as keyof typeof profileFields] !== cond.valueType)
      bad(ctx, `${cond.field} is a ${profileFields[cond.field as keyof typeof profileFields]} field.`);
    return column;
  }
  const k = ctx.params.add(cond.field, "text");
  switch (cond.valueType) {
    case "text":
      return `(c.attributes ->> ${k})`;
    case "number":
      return `(CASE WHEN jsonb_typeof(c.attributes -> ${k}) = 'number' THEN (c.attributes ->> ${k})::numeric END)`;
    case "boolean":
      return `(CASE WHEN jsonb_typeof(c.attributes -> ${k}) = 'boolean' THEN (c.attributes ->> ${k})::boolean END)`;
    // Only ISO dates (2024-01-31, 2024-01-31T10:00:00Z) are read as dates; anything else is empty.
    case "date":
      return `(CASE WHEN (c.attributes ->> ${k}) ~ '${ISO_DATE}' THEN (c.attributes ->> ${k})::timestamptz END)`;
  }
}

function featureExpr(ctx: CompileContext, feature: string): string {
  if (!(feature in featureNames)) bad(ctx, `unknown feature "${feature}".`);
  if (feature === "recency_days")
    return `floor(extract(epoch FROM (${ctx.params.add(ctx.ref, "timestamptz")} - f.last_purchase_at)) / 86400)`;
  if (feature === "tenure_days")
    return `floor(extract(epoch FROM (${ctx.params.add(ctx.ref, "timestamptz")} - f.first_purchase_at)) / 86400)`;
  return zeroDefaultFeatures.has(feature) ? `coalesce(f.${feature}, 0)` : `f.${feature}`;
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
  switch (f.op) {
    case "eq":
      return `(${props} ->> ${k}) = ${p.add(str(ctx, f.value), "text")}`;
    case "neq":
      return `(${props} ->> ${k}) IS DISTINCT FROM ${p.add(str(ctx, f.value), "text")}`;
    case "contains":
      return `strpos(${props} ->> ${k}, ${p.add(str(ctx, f.value), "text")}) > 0`;
    case "gt":
      return `${numeric} > ${p.add(num(ctx, f.value, `value of ${f.key}`), "numeric")}`;
    case "gte":
      return `${numeric} >= ${p.add(num(ctx, f.value, `value of ${f.key}`), "numeric")}`;
    case "lt":
      return `${numeric} < ${p.add(num(ctx, f.value, `value of ${f.key}`), "numeric")}`;
    case "lte":
      return `${numeric} <= ${p.add(num(ctx, f.value, `value of ${f.key}`), "numeric")}`;
    case "exists":
      return `(${props} -> ${k}) IS NOT NULL`;
    case "not_exists":
      return `(${props} -> ${k}) IS NULL`;
  }
}

const countPredicate = (op: "gte" | "lte" | "eq" | "gt" | "lt", n: number) => (x: number) =>
  op === "gte" ? x >= n : op === "lte" ? x <= n : op === "gt" ? x > n : op === "lt" ? x < n : x === n;
const sqlOp = { gte: ">=", lte: "<=", eq: "=", gt: ">", lt: "<" } as const;

/**
 * Customers whose aggregate over matching rows meets `op value`. When zero rows (aggregate 0) meet it,
 * customers without rows must match too: then the query excludes those whose aggregate fails instead.
 */
function aggregateMembership(
  from: string,
  agg: string,
  op: keyof typeof sqlOp,
  value: string,
  zeroMeets: boolean,
): { sql: string; set: { sql: string; negated: boolean } } {
  const set = zeroMeets
    ? { sql: `${from} GROUP BY 1 HAVING NOT (${agg} ${sqlOp[op]} ${value})`, negated: true }
    : { sql: `${from} GROUP BY 1 HAVING ${agg} ${sqlOp[op]} ${value}`, negated: false };
  return { sql: inSet(set), set };
}

/** `c.id` in the set, as a boolean. */
const inSet = (set: { sql: string; negated: boolean }): string => `c.id ${set.negated ? "NOT IN" : "IN"} (${set.sql})`;

/** The customers (id column) a boolean over `c` selects. */
const customersWhere = (sql: string): ConditionSet => ({ sql: `SELECT c.id FROM customers c WHERE ${sql}`, negated: false });

/** The customers a boolean over `f` selects (see ConditionSet). */
const featuresWhere = (sql: string): ConditionSet => ({ features: sql, negated: false });

/** Whether a number comparison holds for 0; true when unsure or not strict (the caller then keeps the coalesced form). */
function holdsForZero(op: string, value: unknown, value2: unknown): boolean {
  const v = typeof value === "number" ? value : Number(value);
  const v2 = typeof value2 === "number" ? value2 : Number(value2);
  switch (op) {
    case "gt":
      return Number.isFinite(v) ? 0 > v : true;
    case "gte":
      return Number.isFinite(v) ? 0 >= v : true;
    case "eq":
      return Number.isFinite(v) ? v === 0 : true;
    case "between":
      return Number.isFinite(v) && Number.isFinite(v2) ? v <= 0 && 0 <= v2 : true;
    // is_empty, is_not_empty, neq (IS DISTINCT FROM), lt, lte: kept coalesced (is_empty and neq are not null on a missing row).
    default:
      return true;
  }
}

const scoped = (ctx: CompileContext, column: string): string[] => (ctx.scope ? [ctx.scope(column)] : []);

export function compileCondition(cond: Condition, ctx: CompileContext): CompiledCondition {
  const p = ctx.params;
  switch (cond.kind) {
    case "attribute": {
      const x = attributeExpr(ctx, cond);
      const sql = compareSql(ctx, x, cond.valueType, cond.op, cond.value, cond.value2, cond.unit);
      return { sql, valueSql: `(${x})::text`, set: customersWhere(sql) };
    }
    case "feature": {
      const x = featureExpr(ctx, cond.feature);
      // A customer without a features row counts as 0. When 0 does not meet the comparison, the
      // column itself is compared (never null on a row): the same customers, but a strict condition,
      // so that a WHERE reading it joins customer_features (inner join, its indexes) instead of
      // left-joining every customer to it.
      const integer = integerFeatures.has(cond.feature);
      const sql =
        zeroDefaultFeatures.has(cond.feature) && !holdsForZero(cond.op, cond.value, cond.value2)
          ? compareSql(ctx, `f.${cond.feature}`, featureNames[cond.feature], cond.op, cond.value, cond.value2, cond.unit, integer)
          : compareSql(ctx, x, featureNames[cond.feature], cond.op, cond.value, cond.value2, cond.unit, integer);
      return { sql, valueSql: `(${x})::text`, set: featuresWhere(sql) };
    }
    case "rfm": {
      if (cond.field === "segment" || cond.field === "code") {
        const column = cond.field === "segment" ? "f.rfm_segment" : "f.rfm_code";
        if (cond.op === "in") {
          const list = Array.isArray(cond.value) ? cond.value : [str(ctx, cond.value)];
          const sql = `${column} = ANY(${p.add(list, "text[]")})`;
          return { sql, valueSql: column, set: featuresWhere(sql) };
        }
        if (cond.op !== "eq" && cond.op !== "neq") bad(ctx, `use "is", "is not" or "is one of" with RFM ${cond.field}.`);
        const v = p.add(str(ctx, cond.value), "text");
        const sql = cond.op === "eq" ? `${column} = ${v}` : `${column} IS DISTINCT FROM ${v}`;
        return { sql, valueSql: column, set: featuresWhere(sql) };
      }
      const column = `f.${cond.field}_score`;
      if (cond.op === "in") {
        const list = (Array.isArray(cond.value) ? cond.value : [cond.value]).map((v) => num(ctx, v));
        const sql = `${column} = ANY(${p.add(list)}::int[])`;
        return { sql, valueSql: `${column}::text`, set: featuresWhere(sql) };
      }
      const v = p.add(num(ctx, cond.value), "int");
      const op = { eq: "=", neq: "IS DISTINCT FROM", gte: ">=", lte: "<=" }[cond.op];
      const sql = `${column} ${op} ${v}`;
      return { sql, valueSql: `${column}::text`, set: featuresWhere(sql) };
    }
    case "event": {
      const type = p.add(cond.eventType, "text");
      const filters = [
        `e.type = ${type}`,
        windowSql(ctx, "e.occurred_at", cond.window),
        ...cond.where.map((w) => propertySql(ctx, "e.properties", w)),
        ...scoped(ctx, "e.customer_id"),
      ].join(" AND ");
      const countOne = `(SELECT count(*) FROM events e WHERE e.customer_id = c.id AND ${filters})::text`;
      // Whole hours from event_counts where it can answer, the edges (or everything) from events.
      const rows = eventRowsSql({
        type,
        window: cond.window,
        ref: ctx.ref,
        where: cond.where,
        rawFilters: `e.customer_id IS NOT NULL AND ${filters}`,
        value: cond.where[0]?.op === "eq" ? str(ctx, cond.where[0].value) : undefined,
        add: (v, t) => p.add(v, t),
        scope: ctx.scope,
        rolledUp: ctx.known && cond.where[0] ? ctx.known.rollupKeys.has(`${cond.eventType}\u0000${cond.where[0].key}`) : undefined,
      });
      const from = rows
        ? `SELECT u.customer_id FROM (${rows}) u`
        : `SELECT e.customer_id FROM events e WHERE e.customer_id IS NOT NULL AND ${filters}`;
      if (!cond.did) {
        const set = { sql: from, negated: true };
        return { sql: inSet(set), valueSql: countOne, set };
      }
      const zeroMeets = countPredicate(cond.countOp, cond.count)(0);
      return {
        ...aggregateMembership(from, rows ? "sum(u.n)" : "count(*)", cond.countOp, p.add(cond.count, "int"), zeroMeets),
        valueSql: countOne,
      };
    }
    case "sequence": {
      const within = p.add(`${durationMs(cond.within.amount, cond.within.unit) / 1000} seconds`, "interval");
      const ref = p.add(ctx.ref, "timestamptz");
      const aFilters = [
        `a.type = ${p.add(cond.first.eventType, "text")}`,
        windowSql(ctx, "a.occurred_at", cond.window),
        ...cond.first.where.map((w) => propertySql(ctx, "a.properties", w)),
      ];
      // b is at or after a, so it is also after the window's start: saying so lets Postgres read
      // only that stretch of the index for b (a hash anti-join) instead of probing per a.
      const aFrom = windowBounds(cond.window, ctx.ref).from;
      const bFilters = [
        `b.customer_id = a.customer_id`,
        `b.type = ${p.add(cond.then.eventType, "text")}`,
        `b.id <> a.id`,
        `b.occurred_at >= a.occurred_at`,
        `b.occurred_at <= a.occurred_at + ${within}`,
        `b.occurred_at <= ${ref}`,
        ...(aFrom ? [`b.occurred_at >= ${p.add(aFrom, "timestamptz")}`] : []),
        ...cond.then.where.map((w) => propertySql(ctx, "b.properties", w)),
      ];
      const then = `${cond.thenDid ? "" : "NOT "}EXISTS (SELECT 1 FROM events b WHERE ${bFilters.join(" AND ")})`;
      // "and not … within": only once the time to do it has passed.
      const elapsed = cond.thenDid ? [] : [`a.occurred_at + ${within} <= ${ref}`];
      const where = ["a.customer_id IS NOT NULL", ...aFilters, ...scoped(ctx, "a.customer_id"), ...elapsed, then].join(" AND ");
      const set = { sql: `SELECT a.customer_id FROM events a WHERE ${where}`, negated: false };
      return {
        sql: inSet(set),
        set,
        valueSql: `(SELECT to_char(max(a.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM events a WHERE a.customer_id = c.id AND ${where})`,
      };
    }
    case "order": {
      const byProduct = cond.sku !== undefined || cond.category !== undefined;
      const filters = [`o.kind = 'purchase'`, windowSql(ctx, "o.placed_at", cond.window), ...scoped(ctx, "o.customer_id")];
      if (cond.sku !== undefined) filters.push(`ol.sku = ${p.add(cond.sku, "text")}`);
      if (cond.category !== undefined) filters.push(`pr.category = ${p.add(cond.category, "text")}`);
      const joins = byProduct ? ` JOIN order_lines ol ON ol.order_id = o.id LEFT JOIN products pr ON pr.id = ol.product_id` : "";
      const agg =
        cond.measure === "count"
          ? byProduct
            ? "count(DISTINCT o.id)"
            : "count(*)"
          : byProduct
            ? "coalesce(sum(ol.line_total), 0)"
            : "coalesce(sum(o.total), 0)";
      const from = `SELECT o.customer_id FROM orders o${joins} WHERE ${filters.join(" AND ")}`;
      const valueSql = `(SELECT ${agg} FROM orders o${joins} WHERE o.customer_id = c.id AND ${filters.join(" AND ")})::text`;
      // Purchases counted up to the reference date, decided by "at least n" with n ≤ 5: from the kept
      // ranks (the n-th most recent purchase in the window) when no purchase is later (decision 057).
      const window = cond.window.type === "ever" || cond.window.type === "last" ? cond.window : null;
      const test = cond.measure === "count" && !byProduct && window ? rankTest(cond.op, cond.value) : null;
      if (test && window) {
        const having = `count(*) ${test.kind === "exactly" ? "=" : ">="} ${p.add(test.n, "int")}`;
        const set = {
          sql: purchaseCountSetSql({
            test,
            window,
            ref: ctx.ref,
            aggregateFrom: from,
            having,
            add: (v, t) => p.add(v, t),
            scope: ctx.scope,
            purchasesAfterRef: ctx.known?.purchasesAfterRef,
          }),
          negated: test.kind === "at_least" && test.negated,
        };
        return { sql: inSet(set), valueSql, set };
      }
      const zeroMeets = countPredicate(cond.op, cond.value)(0);
      return { ...aggregateMembership(from, agg, cond.op, p.add(cond.value, "numeric"), zeroMeets), valueSql };
    }
    case "segment": {
      const members = `SELECT sm.customer_id FROM segment_members sm WHERE ${[`sm.segment_id = ${p.add(cond.segmentId, "text")}`, ...scoped(ctx, "sm.customer_id")].join(" AND ")}`;
      const sql = `c.id IN (${members})`;
      return {
        sql: cond.in ? sql : `NOT (${sql})`,
        valueSql: `(CASE WHEN ${sql} THEN 'member' ELSE 'not a member' END)`,
        set: { sql: members, negated: !cond.in },
      };
    }
    case "consent": {
      const purpose = p.add(cond.purpose, "text");
      const scope = ctx.scope?.("customer_id");
      const sql = consentAllowsSql(cond.purpose, p, purpose, scope);
      // With the default known: the latest records that deny (opt-out default) or grant (opt-in).
      const optOut = ctx.consentOptOut?.[cond.purpose];
      const set =
        optOut === undefined
          ? undefined
          : {
              sql: consentLatestSql(purpose, optOut ? "'denied', 'withdrawn'" : "'granted'", scope, true),
              negated: optOut === cond.allowed,
            };
      return {
        sql: cond.allowed ? sql : `NOT (${sql})`,
        ...(set ? { set } : {}),
        // Without a record, the default decides: say which one (as the admin set it) and what it gives.
        valueSql: `coalesce((SELECT cr.status::text FROM consent_records cr WHERE cr.customer_id = c.id AND cr.purpose = ${purpose} ORDER BY cr.occurred_at DESC, cr.id DESC LIMIT 1),
          CASE WHEN ${consentDefaultOptOutSql(cond.purpose, purpose)} THEN 'no record: opt-out default, allowed' ELSE 'no record: opt-in default, not allowed' END)`,
      };
    }
    case "cluster":
      return clusterConditionSql(cond, { params: p, scope: ctx.scope, fail: (message) => bad(ctx, message) });
  }
}
