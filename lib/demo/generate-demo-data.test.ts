import { describe, expect, it } from "vitest";
import { resolveDemoDataOptions } from "./demo-options";
import { DEMO_TABLES } from "./demo-tables";
import type { DemoOrder } from "./demo-types";
import { digestDemoData } from "./digest-demo-data";
import { createGenerationContext, generateDemoChunks } from "./generate-demo-chunks";
import { type DemoCustomer, generateCustomer } from "./generate-customer";
import { TableDigest } from "./table-digest";

const now = new Date("2026-11-23T10:30:00Z");

async function digestWithChunkSize(chunkSize: number): Promise<string> {
  const digest = new TableDigest();
  for await (const chunk of generateDemoChunks(resolveDemoDataOptions({ customers: 120, seed: 9, now }), chunkSize)) {
    for (const t of DEMO_TABLES) digest.update(t, chunk.tables[t].text.bytes(), chunk.tables[t].rows);
  }
  return digest.digest();
}

describe("determinism", () => {
  it("gives the same digest for the same seed, customers and day", async () => {
    const a = await digestDemoData({ customers: 200, seed: 42, now });
    const b = await digestDemoData({ customers: 200, seed: 42, now: new Date("2026-11-23T23:59:59Z") });
    expect(b).toEqual(a);
    expect(a.orders).toBeGreaterThan(0);
  });

  it("differs for another seed or another day", async () => {
    const a = await digestDemoData({ customers: 200, seed: 42, now });
    expect((await digestDemoData({ customers: 200, seed: 43, now })).digest).not.toBe(a.digest);
    expect((await digestDemoData({ customers: 200, seed: 42, now: new Date("2026-11-24T10:30:00Z") })).digest).not.toBe(a.digest);
  });

  it("does not depend on how the stream is chunked", async () => {
    expect(await digestWithChunkSize(7)).toBe(await digestWithChunkSize(1000));
  });
});

describe("a realistic shop", () => {
  const ctx = createGenerationContext(resolveDemoDataOptions({ customers: 3000, seed: 42, now }));
  const customers: DemoCustomer[] = Array.from({ length: 3000 }, (_, i) => generateCustomer(ctx, i));
  const orders = customers.flatMap((c) => c.orders);
  const purchases = orders.filter((o) => o.kind === "purchase");
  const perCustomer = customers.map((c) => c.orders.filter((o) => o.kind === "purchase").length).sort((a, b) => a - b);
  const { windowStartMs, endMs } = ctx.calendar;

  it("has about 7.5 orders a customer: many one-time buyers, a few whales", () => {
    expect(orders.length / customers.length).toBeGreaterThan(6);
    expect(orders.length / customers.length).toBeLessThan(9);
    const buyers = perCustomer.filter((n) => n > 0);
    expect(buyers.filter((n) => n === 1).length / buyers.length).toBeGreaterThan(0.25);
    expect(perCustomer[perCustomer.length - 1]).toBeGreaterThan(100);
    expect(perCustomer[Math.floor(perCustomer.length / 2)]).toBeLessThan(6);
  });

  it("keeps orders consistent: totals are the sum of lines, cancellations negative", () => {
    for (const o of orders) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(5);
      expect(o.totalPence).toBe(o.lines.reduce((s, l) => s + l.lineTotalPence, 0));
      for (const l of o.lines) expect(l.lineTotalPence).toBe(l.unitPricePence * l.quantity);
      if (o.kind === "cancellation") {
        expect(o.totalPence).toBeLessThan(0);
        expect(o.orderNumber).toBe(`C${(o.cancels as DemoOrder).orderNumber}`);
        expect(o.placedAt).toBeGreaterThan((o.cancels as DemoOrder).placedAt);
      } else expect(o.totalPence).toBeGreaterThan(0);
    }
    const cancellations = orders.length - purchases.length;
    expect(cancellations / orders.length).toBeGreaterThan(0.01);
    expect(cancellations / orders.length).toBeLessThan(0.05);
  });

  it("puts every order and event inside the two-year window, with a November–December peak", () => {
    const times = [...orders.map((o) => o.placedAt), ...customers.flatMap((c) => c.events.map((e) => e.occurredAt))];
    expect(times.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(windowStartMs);
    expect(times.reduce((a, b) => Math.max(a, b))).toBeLessThan(endMs);
    const novDec = purchases.filter((o) => new Date(o.placedAt).getUTCMonth() >= 10).length / purchases.length;
    expect(novDec).toBeGreaterThan(0.22); // flat would be 1/6
    for (const c of customers) expect(c.lastSeenAt).toBeGreaterThanOrEqual(c.firstSeenAt);
  });

  it("gives unique identities, reserved email domains, E.164 phones, a few look-alike customers", () => {
    const values = customers.flatMap((c) => c.identities.map((i) => `${i.type}|${i.source}|${i.value}`));
    expect(new Set(values).size).toBe(values.length);
    const emails = customers.flatMap((c) => c.identities.filter((i) => i.type === "email").map((i) => i.value));
    expect(emails.length).toBeGreaterThan(customers.length);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9._+]+@(example\.(com|net|org)|[a-z]+\.example|inbox\.test)$/);
    for (const c of customers) if (c.profile.phone) expect(c.profile.phone).toMatch(/^\+[1-9]\d{7,14}$/);
    expect(customers.filter((c) => c.profile.duplicateOfId !== null).length).toBeGreaterThan(3);
  });

  it("records email consent: mostly granted with proof, some withdrawn by unsubscribe link", () => {
    const records = customers.flatMap((c) => c.consents);
    const granted = records.filter((r) => r.status === "granted" && r.source === "import");
    expect(granted.length / customers.length).toBeGreaterThan(0.7);
    expect(granted[0]?.proof).toMatchObject({ form: "signup-v1" });
    expect(records.some((r) => r.status === "withdrawn" && r.source === "unsubscribe_link")).toBe(true);
    const types = new Set(customers.flatMap((c) => c.events.map((e) => e.type)));
    expect([...types].sort()).toEqual([
      "added_to_cart",
      "checkout_started",
      "email_clicked",
      "email_opened",
      "order_completed",
      "page_viewed",
      "product_viewed",
    ]);
  });
});
