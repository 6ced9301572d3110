import { describe, expect, it } from "vitest";
import { db } from "../db";
import { importFixture } from "../../test/fixtures/online-retail-fixture";
import { rebuildCustomerFeatures } from "./rebuild-customer-features";

type Row = { customer_id: number; category: string; first: string };

/** What the triggers keep, and what it must equal: computed from every purchase line. */
async function kept(): Promise<{ stored: Row[]; expected: Row[] }> {
  const stored = await db.$queryRawUnsafe<Row[]>(
    `SELECT customer_id, category, first_purchased_at::text AS first FROM customer_categories ORDER BY 1, 2`,
  );
  const expected = await db.$queryRawUnsafe<Row[]>(
    `SELECT o.customer_id, p.category, min(o.placed_at)::text AS first
       FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN products p ON p.id = ol.product_id
      WHERE o.kind = 'purchase' AND p.category IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return { stored, expected };
}

describe("customer_categories, kept by triggers on orders, order_lines and products", () => {
  it("follows new orders, returns, moves between customers, deletions, category changes; the rebuild counts categories as of its date", async () => {
    const [a, b] = await Promise.all(["a", "b"].map((n) => db.customer.create({ data: { email: `${n}@categories.test` } })));
    const [shoes, hats, plain] = await Promise.all([
      db.product.create({ data: { sku: "S1", category: "Shoes" } }),
      db.product.create({ data: { sku: "H1", category: "Hats" } }),
      db.product.create({ data: { sku: "P1" } }),
    ]);
    let n = 0;
    const order = (customerId: number, at: string, products: number[], kind: "purchase" | "cancellation" = "purchase") =>
      db.order.create({
        data: {
          source: "test",
          orderNumber: `o${++n}`,
          customerId,
          kind,
          placedAt: new Date(at),
          total: 10,
          lines: {
            create: products.map((productId, i) => ({
              position: i,
              productId,
              sku: "x",
              quantity: 1,
              unitPrice: 10,
              lineTotal: 10,
              placedAt: new Date(at),
            })),
          },
        },
      });
    await order(a!.id, "2026-03-01T00:00:00Z", [shoes!.id, plain!.id]);
    await order(a!.id, "2026-01-01T00:00:00Z", [shoes!.id]); // earlier, arriving later: it becomes the first
    const bOrder = await order(b!.id, "2026-02-01T00:00:00Z", [hats!.id, shoes!.id]);
    await order(b!.id, "2026-01-15T00:00:00Z", [hats!.id], "cancellation"); // not a purchase
    let s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.find((r) => r.customer_id === a!.id && r.category === "Shoes")?.first).toMatch(/^2026-01-01/);
    expect(s.stored.filter((r) => r.customer_id === b!.id).map((r) => r.category)).toEqual(["Hats", "Shoes"]);
    // The rebuild counts categories bought by its reference date.
    await rebuildCustomerFeatures({ asOf: new Date("2026-01-20T00:00:00Z") });
    const features = async () =>
      Object.fromEntries(
        (await db.customerFeature.findMany({ select: { customerId: true, categories: true } })).map((f) => [f.customerId, f.categories]),
      );
    expect(await features()).toMatchObject({ [a!.id]: 1, [b!.id]: 0 });
    await rebuildCustomerFeatures({ asOf: new Date("2026-06-01T00:00:00Z") });
    expect(await features()).toMatchObject({ [a!.id]: 1, [b!.id]: 2 });
    // A merge moves b's order to a; a product changes category; a line loses its product; an order is deleted.
    await db.order.update({ where: { id: bOrder.id }, data: { customerId: a!.id } });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.some((r) => r.customer_id === b!.id)).toBe(false);
    await db.product.update({ where: { id: plain!.id }, data: { category: "Bags" } });
    await db.product.update({ where: { id: hats!.id }, data: { category: null } });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.filter((r) => r.customer_id === a!.id).map((r) => r.category)).toEqual(["Bags", "Shoes"]);
    await db.orderLine.updateMany({ where: { productId: plain!.id }, data: { productId: null } });
    await db.order.delete({ where: { id: bOrder.id } });
    await db.order.updateMany({ where: { customerId: a!.id, placedAt: new Date("2026-01-01T00:00:00Z") }, data: { kind: "cancellation" } });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.find((r) => r.customer_id === a!.id && r.category === "Shoes")?.first).toMatch(/^2026-03-01/);
    // Deleting a customer cascades to their orders and lines.
    await db.customer.delete({ where: { id: a!.id } });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored).toEqual([]);
  });

  it("follows the lines of an Online Retail import, which skips row checks (replication role replica)", async () => {
    // Products known with a category before the file arrives (e.g. from a catalogue import).
    await db.product.create({ data: { sku: "85123A", category: "Candles" } });
    await db.product.create({ data: { sku: "71053", category: "Lanterns" } });
    await importFixture({ file: "retail-sample.csv" });
    const s = await kept();
    expect(s.expected.length).toBeGreaterThan(0);
    expect(s.stored).toEqual(s.expected);
  });
});
