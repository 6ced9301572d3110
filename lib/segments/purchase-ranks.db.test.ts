import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { env } from "../env";
import { Rng } from "../demo/prng";
import { mergeCustomers } from "../identity/merge-customers";
import { undoMerge } from "../identity/undo-merge";
import { closeQueues } from "../jobs/get-queue";
import { compileRules } from "./compile-rules";
import { previewSegment } from "./preview-segment";
import type { RuleWindow } from "./condition-fields";
import { segmentRulesSchema } from "./schemas";
import { SqlParams } from "./sql-params";

type Row = { customer_id: number; n: number; placed_at: string };

/** What the triggers keep, and what it must equal: each customer's 5 most recent purchases. */
async function kept(): Promise<{ stored: Row[]; expected: Row[] }> {
  const stored = await db.$queryRawUnsafe<Row[]>(`SELECT customer_id, n::int, placed_at::text FROM customer_purchase_ranks ORDER BY 1, 2`);
  const expected = await db.$queryRawUnsafe<Row[]>(
    `SELECT customer_id, n::int, placed_at::text
       FROM (SELECT customer_id, placed_at, row_number() OVER (PARTITION BY customer_id ORDER BY placed_at DESC, id DESC) AS n
               FROM orders WHERE kind = 'purchase') r
      WHERE n <= 5 ORDER BY 1, 2`,
  );
  return { stored, expected };
}
async function expectExact(): Promise<Row[]> {
  const s = await kept();
  expect(s.stored).toEqual(s.expected);
  return s.stored;
}

let orderNo = 0;
const orderData = (customerId: number, at: string, kind: "purchase" | "cancellation" = "purchase") => ({
  source: "test",
  orderNumber: `o${++orderNo}`,
  customerId,
  kind,
  placedAt: new Date(at),
  total: 10,
});
const customers = (...names: string[]) =>
  Promise.all(names.map((n) => db.customer.create({ data: { email: `${n}@ranks.test` } }).then((c) => c.id)));

afterAll(async () => {
  await closeQueues();
});

describe("customer_purchase_ranks, kept by triggers on orders", () => {
  it("follows orders arriving out of time order, changes of date and kind, merges and their undo, deletions, cascades and truncation", async () => {
    const [a, b, c] = await customers("a", "b", "c");
    await db.order.create({ data: orderData(a!, "2026-03-01T00:00:00Z") });
    await db.order.create({ data: orderData(a!, "2026-01-01T00:00:00Z") }); // earlier, arriving later
    await db.order.create({ data: orderData(a!, "2026-04-01T00:00:00Z", "cancellation") }); // not a purchase
    let rows = await expectExact();
    expect(rows.filter((r) => r.customer_id === a).map((r) => r.placed_at.slice(0, 10))).toEqual(["2026-03-01", "2026-01-01"]);
    // One statement with more purchases than are kept, ties included, for two customers.
    await db.order.createMany({
      data: [
        ...["2026-02-01", "2026-02-01", "2025-12-01", "2026-05-01", "2025-11-01", "2026-02-15"].map((d) => orderData(a!, `${d}T00:00:00Z`)),
        ...["2026-01-10", "2026-01-11"].map((d) => orderData(b!, `${d}T00:00:00Z`)),
      ],
    });
    rows = await expectExact();
    expect(rows.filter((r) => r.customer_id === a).map((r) => r.placed_at.slice(0, 10))).toEqual([
      "2026-05-01",
      "2026-03-01",
      "2026-02-15",
      "2026-02-01",
      "2026-02-01",
    ]);
    // An older purchase moved to be the latest, a purchase turned into a cancellation and back, a cancellation into a purchase.
    const oldest = await db.order.findFirstOrThrow({ where: { customerId: a!, kind: "purchase" }, orderBy: { placedAt: "asc" } });
    await db.order.update({ where: { id: oldest.id }, data: { placedAt: new Date("2026-06-01T00:00:00Z") } });
    await expectExact();
    const may = await db.order.findFirstOrThrow({ where: { customerId: a!, placedAt: new Date("2026-05-01T00:00:00Z") } });
    await db.order.update({ where: { id: may.id }, data: { kind: "cancellation" } });
    rows = await expectExact();
    expect(rows.some((r) => r.customer_id === a && r.placed_at.startsWith("2026-05-01"))).toBe(false);
    await db.order.updateMany({ where: { customerId: a!, kind: "cancellation" }, data: { kind: "purchase" } });
    await expectExact();
    // Identity resolution merges a into b (orders move, a is deleted), then the merge is undone.
    const mergeId = await db.$transaction((tx) =>
      mergeCustomers({
        tx,
        survivorId: b!,
        mergedId: a!,
        identifier: { type: "email", source: "", value: "a@ranks.test" },
        reason: "test",
        actor: systemActor("worker"),
      }),
    );
    rows = await expectExact();
    expect(rows.some((r) => r.customer_id === a)).toBe(false);
    expect(rows.filter((r) => r.customer_id === b)).toHaveLength(5);
    await undoMerge({ mergeId, actor: systemActor("worker") });
    rows = await expectExact();
    expect(rows.filter((r) => r.customer_id === b).map((r) => r.placed_at.slice(0, 10))).toEqual(["2026-01-11", "2026-01-10"]);
    // Deleting purchases brings older ones back, down to none.
    await db.order.deleteMany({ where: { customerId: a!, placedAt: { gte: new Date("2026-02-01T00:00:00Z") } } });
    rows = await expectExact();
    expect(rows.filter((r) => r.customer_id === a).map((r) => r.placed_at.slice(0, 10))).toEqual(["2026-01-01", "2025-12-01"]);
    await db.order.deleteMany({ where: { customerId: b! } });
    expect((await expectExact()).some((r) => r.customer_id === b)).toBe(false);
    // An import that skips row checks (replication role replica) still reaches the ranks.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.order.createMany({ data: [orderData(c!, "2026-01-01T00:00:00Z"), orderData(c!, "2026-01-02T00:00:00Z")] });
    });
    expect((await expectExact()).filter((r) => r.customer_id === c)).toHaveLength(2);
    // Erasure: deleting a customer cascades to their orders and their ranks.
    await db.customer.delete({ where: { id: a! } });
    expect((await expectExact()).some((r) => r.customer_id === a)).toBe(false);
    await db.$executeRawUnsafe(`TRUNCATE orders CASCADE`);
    expect((await kept()).stored).toEqual([]);
  });

  it("stays exact when two transactions write the same customer's orders at the same time", async () => {
    const url = env().DATABASE_URL;
    const [fresh, known] = await customers("fresh", "known");
    await db.order.create({ data: orderData(known!, "2026-01-01T00:00:00Z") });
    const insert = (client: pg.Client, customerId: number, at: string) =>
      client.query(`INSERT INTO orders (source, order_number, customer_id, kind, placed_at) VALUES ('test', $1, $2, 'purchase', $3)`, [
        `c${++orderNo}`,
        customerId,
        at,
      ]);
    const [one, two] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([one.connect(), two.connect()]);
    try {
      // A first purchase each for a customer without any (no rank row to queue on yet), and a later
      // and an earlier one for a customer with one: the second writer waits, then sees the first's.
      for (const [customerId, first, second] of [
        [fresh!, "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"],
        [known!, "2026-03-01T00:00:00Z", "2025-06-01T00:00:00Z"],
      ] as const) {
        await one.query("BEGIN");
        await two.query("BEGIN");
        await insert(one, customerId, first);
        const waiting = insert(two, customerId, second);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await one.query("COMMIT");
        await waiting;
        await two.query("COMMIT");
      }
      // A deletion racing an insert for the same customer.
      await one.query("BEGIN");
      await two.query("BEGIN");
      await one.query(`DELETE FROM orders WHERE customer_id = $1 AND placed_at = '2026-03-01T00:00:00Z'`, [known!]);
      const waiting = insert(two, known!, "2026-04-01T00:00:00Z");
      await new Promise((resolve) => setTimeout(resolve, 200));
      await one.query("COMMIT");
      await waiting;
      await two.query("COMMIT");
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
    const rows = await expectExact();
    expect(rows.filter((r) => r.customer_id === fresh)).toHaveLength(2);
    expect(rows.filter((r) => r.customer_id === known).map((r) => r.placed_at.slice(0, 10))).toEqual([
      "2026-04-01",
      "2026-01-01",
      "2025-06-01",
    ]);
  });
});

describe("order counts read from the ranks", () => {
  const NOW = new Date("2024-06-15T12:00:00.000Z");
  const D = 86_400_000;
  const FROM_90 = NOW.getTime() - 90 * D;
  /** Window edges to the second (90 days, 1 hour), the reference date itself and ties. */
  const INSTANTS = [
    FROM_90 - 1000,
    FROM_90,
    FROM_90 + 1000,
    FROM_90 + 1,
    NOW.getTime() - 3_600_000,
    NOW.getTime() - 3_599_000,
    NOW.getTime() - 1000,
    NOW.getTime(),
    NOW.getTime() - 30 * D,
    NOW.getTime() - 400 * D,
  ];
  const WINDOWS: RuleWindow[] = [{ type: "last", amount: 90, unit: "days" }, { type: "ever" }, { type: "last", amount: 1, unit: "hours" }];
  const OPS = ["gt", "gte", "lt", "lte", "eq"] as const;
  const VALUES = [0, 1, 1.5, 2, 3, 4, 5, 6];

  /** The definition: purchases in the window counted per customer (the aggregate form, correlated). */
  async function expected(op: (typeof OPS)[number], value: number, window: RuleWindow, ref: Date): Promise<number[]> {
    const bounds = window.type === "last" ? `AND o.placed_at > $2::timestamptz` : "AND $2::timestamptz IS NOT NULL";
    const from =
      window.type === "last" ? new Date(ref.getTime() - (window.unit === "days" ? window.amount * D : window.amount * 3_600_000)) : ref;
    const sqlOp = { gt: ">", gte: ">=", lt: "<", lte: "<=", eq: "=" }[op];
    const rows = await db.$queryRawUnsafe<{ id: number }[]>(
      `SELECT c.id FROM customers c
        WHERE (SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.kind = 'purchase' AND o.placed_at <= $1::timestamptz ${bounds}) ${sqlOp} $3::numeric
        ORDER BY 1`,
      ref,
      from,
      value,
    );
    return rows.map((r) => r.id);
  }
  async function compiled(
    op: (typeof OPS)[number],
    value: number,
    window: RuleWindow,
    ref: Date,
    form: "filter" | "where",
    only?: number[],
  ): Promise<{ ids: number[]; sql: string }> {
    const rules = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [{ type: "condition", kind: "order", measure: "count", op, value, window }],
    });
    const params = new SqlParams();
    const scope = only ? params.add(only) : "";
    const c = compileRules(rules, { ref, params, scope: only ? (col) => `${col} = ANY(${scope}::int[])` : undefined });
    const where = only ? `c.id = ANY(${scope}::int[]) AND (${c[form]})` : c[form];
    const rows = await db.$queryRawUnsafe<{ id: number }[]>(`SELECT c.id FROM customers c WHERE ${where} ORDER BY 1`, ...params.values);
    return { ids: rows.map((r) => r.id), sql: c.leaves[0]!.rawSql };
  }

  it("equal the aggregate over orders for every comparison, threshold 0–6 and window edge, before and after a purchase later than the reference date", async () => {
    await db.$executeRawUnsafe("TRUNCATE customers RESTART IDENTITY CASCADE");
    const rng = new Rng(57);
    for (let i = 0; i < 40; i++) {
      const id = (await customers(`k${i}`))[0]!;
      const n = i < 8 ? i : rng.int(0, 8);
      if (n > 0)
        await db.order.createMany({
          data: Array.from({ length: n }, () =>
            orderData(id, new Date(rng.pick(INSTANTS)).toISOString(), rng.chance(0.15) ? "cancellation" : "purchase"),
          ),
        });
    }
    await expectExact();
    const some = Array.from({ length: 20 }, (_, i) => 2 * i + 1);
    const check = async (ref: Date, label: string) => {
      for (const window of WINDOWS) {
        for (const op of OPS) {
          for (const value of VALUES) {
            const want = await expected(op, value, window, ref);
            const what = `${label}: ${op} ${value} in ${JSON.stringify(window)}`;
            const { ids, sql } = await compiled(op, value, window, ref, "filter");
            expect(ids, what).toEqual(want);
            expect((await compiled(op, value, window, ref, "where")).ids, `${what} (never-null form)`).toEqual(want);
            expect((await compiled(op, value, window, ref, "filter", some)).ids, `${what} (scoped)`).toEqual(
              want.filter((x) => some.includes(x)),
            );
            // Thresholds of 1 to 5 read the ranks, others keep the aggregate.
            const n =
              op === "gte" || op === "lt"
                ? Math.ceil(value)
                : op === "eq"
                  ? Number.isInteger(value) && value + 1 <= 5
                    ? value
                    : 0
                  : Math.floor(value) + 1;
            expect(sql.includes("customer_purchase_ranks"), what).toBe(n >= 1 && n <= 5);
          }
        }
      }
    };
    await check(NOW, "no purchase after the reference date");
    // A purchase after the reference date (a pinned one, with later data): the aggregate answers.
    await db.order.create({ data: orderData(1, new Date(NOW.getTime() + 1000).toISOString()) });
    await check(NOW, "a purchase after the reference date");
    await check(new Date(NOW.getTime() + 2000), "the reference date after it");
  }, 120_000);

  it("read only the ranks when no purchase is later than the reference date, and follow a pinned one", async () => {
    await db.$executeRawUnsafe("TRUNCATE customers RESTART IDENTITY CASCADE");
    const [a, b] = await customers("a", "b");
    await db.order.createMany({
      data: [orderData(a!, "2024-06-01T00:00:00Z"), orderData(a!, "2024-05-01T00:00:00Z"), orderData(b!, "2024-06-10T00:00:00Z")],
    });
    const rules = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [
        { type: "condition", kind: "order", measure: "count", op: "gte", value: 2, window: { type: "last", amount: 90, unit: "days" } },
      ],
    });
    const c = compileRules(rules, { ref: NOW });
    const plan = (
      await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT count(*) FROM customers c WHERE ${c.filter}`,
        ...c.params.values,
      )
    )
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    // The aggregate branch never reads the orders in the window (its one-time check is false).
    expect(plan).toMatch(/customer_purchase_ranks r \(actual rows=1 /);
    expect(plan).toMatch(/on orders o \(never executed\)/);
    expect((await previewSegment({ rules, now: NOW, sampleSize: 0 })).total).toBe(1);
    // Pinned before b's and one of a's purchases: a has one left in its window, b none.
    await db.setting.upsert({
      where: { id: 1 },
      create: { id: 1, referenceDate: new Date("2024-05-15T00:00:00Z") },
      update: { referenceDate: new Date("2024-05-15T00:00:00Z") },
    });
    expect((await previewSegment({ rules, sampleSize: 0 })).total).toBe(0);
    const once = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [
        { type: "condition", kind: "order", measure: "count", op: "eq", value: 1, window: { type: "last", amount: 90, unit: "days" } },
      ],
    });
    expect((await previewSegment({ rules: once, sampleSize: 5 })).sample.map((s) => s.id)).toEqual([a]);
    await db.setting.update({ where: { id: 1 }, data: { referenceDate: null } });
  });
});
