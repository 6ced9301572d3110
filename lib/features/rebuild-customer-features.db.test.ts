import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { env } from "../env";
import { rebuildCustomerFeatures } from "./rebuild-customer-features";

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
  it("on a first load, rebuilds customer_features' indexes around the rows instead of updating them", async () => {
    await seedCustomersWithOrders(50);
    const before = await featureIndexes();
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const result = await rebuildCustomerFeatures({ asOf: new Date("2024-03-01T00:00:00Z") });
    expect(result).toMatchObject({ customers: 50, rfmPopulation: 50 });
    const after = await featureIndexes();
    // The same indexes, each a new one.
    expect(Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v[1]]))).toEqual(Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v[1]])));
    for (const name of Object.keys(before)) expect(after[name]![0]).not.toBe(before[name]![0]);
    const top = await db.customerFeature.findUniqueOrThrow({ where: { customerId: 50 } });
    expect(top).toMatchObject({ frequency: 1, mScore: 5, rScore: 5 });
    // Queries use them again.
    expect(await db.customerFeature.count({ where: { monetary: { gte: 25 } } })).toBe(26);

    // Not a first load any more: the indexes are kept.
    await rebuildCustomerFeatures({ asOf: new Date("2024-03-01T00:00:00Z") });
    expect(await featureIndexes()).toEqual(after);
  });

  it("keeps the indexes when someone is reading the features at that moment", async () => {
    await seedCustomersWithOrders(20);
    const before = await featureIndexes();
    const reader = new pg.Client({ connectionString: env().DATABASE_URL });
    await reader.connect();
    try {
      await reader.query("BEGIN");
      await reader.query("SELECT count(*) FROM customer_features");
      const result = await rebuildCustomerFeatures({ asOf: new Date("2024-03-01T00:00:00Z") });
      expect(result.customers).toBe(20);
      expect(await featureIndexes()).toEqual(before);
      expect(await db.customerFeature.count({ where: { rScore: { not: null } } })).toBe(20);
    } finally {
      await reader.query("ROLLBACK").catch(() => undefined);
      await reader.end();
    }
  });
});
