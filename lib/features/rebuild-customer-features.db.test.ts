import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { env } from "../env";
import { rebuildCustomerFeatures } from "./rebuild-customer-features";
import { refreshCustomerFeatures } from "./refresh-customer-features";

/** The secondary indexes of customer_features: name → [oid, definition]. A rebuilt index has a new oid. */
async function featureIndexes(): Promise<Record<string, [number, string]>> {
  const rows = await db.$queryRawUnsafe<{ name: string; oid: number; definition: string }[]>(
    `SELECT c.relname AS name, c.oid::int AS oid, pg_get_indexdef(c.oid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'customer_features'::regclass AND NOT i.indisprimary ORDER BY c.relname`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, [r.oid, r.definition]]));
}

async function seedCustomersWithOrders(n: number) {
  await db.$executeRawUnsafe(
    `INSERT INTO customers (id, first_seen_at, last_seen_at) SELECT g, now(), now() FROM generate_series(1, $1::int) g`,
    n,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO orders (source, order_number, customer_id, kind, placed_at, currency, total)
     SELECT 'test', 'o' || g, g, 'purchase', timestamptz '2024-01-01' + g * interval '1 hour', 'GBP', g FROM generate_series(1, $1::int) g`,
    n,
  );
}

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, orders RESTART IDENTITY CASCADE");
});

describe("rebuilding everyone's features", () => {
  it("swaps in a new compact table with the same indexes and constraints, every time", async () => {
    await seedCustomersWithOrders(2000);
    const before = await featureIndexes();
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const definitions = async () =>
      db.$queryRawUnsafe<{ name: string; definition: string }[]>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = 'customer_features'::regclass ORDER BY conname`,
      );
    const constraintsBefore = await definitions();
    const result = await rebuildCustomerFeatures({ asOf: new Date("2024-04-01T00:00:00Z") });
    expect(result).toMatchObject({ customers: 2000, rfmPopulation: 2000 });
    const after = await featureIndexes();
    // The same indexes, each a new one, and the same constraints under the same names.
    const defs = (x: Record<string, [number, string]>) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v[1]]));
    expect(defs(after)).toEqual(defs(before));
    for (const name of Object.keys(before)) expect(after[name]![0]).not.toBe(before[name]![0]);
    expect(await definitions()).toEqual(constraintsBefore);
    const top = await db.customerFeature.findUniqueOrThrow({ where: { customerId: 2000 } });
    expect(top).toMatchObject({ frequency: 1, mScore: 5, rScore: 5 });
    // Queries use them again, and the foreign key still cascades.
    expect(await db.customerFeature.count({ where: { monetary: { gte: 1025 } } })).toBe(976);
    await db.customer.delete({ where: { id: 1 } });
    expect(await db.customerFeature.count()).toBe(1999);

    // Rebuilding again does not leave the old rows' space behind (updating every row in place doubled the table).
    const size = async () => (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT pg_relation_size('customer_features')::int AS n`))[0]!.n;
    const first = await size();
    await rebuildCustomerFeatures({ asOf: new Date("2024-04-02T00:00:00Z") });
    await rebuildCustomerFeatures({ asOf: new Date("2024-04-03T00:00:00Z") });
    expect(await size()).toBe(first);
    // Customer 2000's purchase: 2024-01-01 + 2,000 hours = 2024-03-24 08:00, 9 whole days before 2024-04-03.
    expect(await db.customerFeature.findUniqueOrThrow({ where: { customerId: 2000 } })).toMatchObject({ recencyDays: 9 });
    expect(defs(await featureIndexes())).toEqual(defs(before));
  });

  it("a worker's refresh that waits on the rebuild writes into the swapped-in table afterwards", async () => {
    await seedCustomersWithOrders(20_000);
    const asOf = new Date("2024-05-01T00:00:00Z");
    const rebuild = rebuildCustomerFeatures({ asOf });
    // Wait until the rebuild holds customer_features (writers wait from then on), then write.
    let held = false;
    for (let i = 0; i < 2000 && !held; i++) {
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'customer_features'::regclass AND mode = 'ShareLock' AND granted AND pid <> pg_backend_pid()`,
      );
      held = row!.n > 0;
      if (!held) await new Promise((r) => setTimeout(r, 2));
    }
    expect(held).toBe(true);
    await db.$executeRawUnsafe(
      `INSERT INTO orders (source, order_number, customer_id, kind, placed_at, currency, total) VALUES ('test', 'late', 7, 'purchase', '2024-04-30', 'GBP', 1000)`,
    );
    const refresh = refreshCustomerFeatures({ asOf, customerIds: [7] });
    await Promise.all([rebuild, refresh]);
    expect(await rebuild).toMatchObject({ customers: 20_000 });
    // Whichever ran last saw the late order: the rebuild's snapshot may predate it, the refresh's does not.
    expect(await db.customerFeature.findUniqueOrThrow({ where: { customerId: 7 } })).toMatchObject({ frequency: 2 });
    expect(await db.customerFeature.count()).toBe(20_000);
  });

  it("keeps the indexes when someone is reading the features at that moment", async () => {
    await seedCustomersWithOrders(20);
    const before = await featureIndexes();
    const reader = new pg.Client({ connectionString: env().DATABASE_URL });
    await reader.connect();
    try {
      await reader.query("BEGIN");
      await reader.query("SELECT count(*) FROM customer_features");
      // The swap waits for the reader at most this long, then updates the rows in place.
      const result = await rebuildCustomerFeatures({ asOf: new Date("2024-03-01T00:00:00Z"), swapLockTimeoutMs: 300 });
      expect(result.customers).toBe(20);
      expect(await featureIndexes()).toEqual(before);
      expect(await db.customerFeature.count({ where: { rScore: { not: null } } })).toBe(20);
    } finally {
      await reader.query("ROLLBACK").catch(() => undefined);
      await reader.end();
    }
  });
});
