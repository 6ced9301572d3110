import { afterAll, describe, expect, it } from "vitest";
import { emptyTablesBeforeEach } from "../../test/empty-tables";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { refreshCustomerFeatures } from "../features/refresh-customer-features";
import { scoreRfm } from "../features/score-rfm";
import { closeQueues } from "../jobs/get-queue";
import { explainMembership } from "./explain-membership";
import { previewSegment } from "./preview-segment";
import { rebuildSegment } from "./rebuild-segment";
import { saveSegment } from "./save-segment";
import { segmentRulesSchema, type ConditionInput, type SegmentRules } from "./schemas";
import { tickTimeSegments } from "./tick-time-segments";

const NOW = new Date("2024-06-15T12:00:00.000Z");
const H = 3_600_000;
const D = 24 * H;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const actor = systemActor("system");

const rules = (op: "and" | "or", ...conds: (ConditionInput | SegmentRules)[]): SegmentRules =>
  segmentRulesSchema.parse({ type: "group", op, children: conds.map((c) => ("kind" in c ? { type: "condition", ...c } : c)) });

async function customer(email: string, extra: { country?: string; attributes?: object } = {}): Promise<number> {
  const c = await db.customer.create({ data: { email, country: extra.country ?? null, attributes: (extra.attributes ?? {}) as object } });
  return c.id;
}
async function event(customerId: number, type: string, at: Date, properties: object = {}) {
  await db.event.create({ data: { customerId, type, occurredAt: at, properties } });
}
async function order(customerId: number, total: number, at: Date, kind: "purchase" | "cancellation" = "purchase") {
  await db.order.create({
    data: { customerId, source: "test", orderNumber: `${customerId}-${at.getTime()}-${total}`, kind, placedAt: at, total },
  });
}
async function ids(r: SegmentRules): Promise<number> {
  return (await previewSegment({ rules: r, now: NOW, sampleSize: 0 })).total;
}
async function members(segmentId: string): Promise<number[]> {
  return (await db.segmentMember.findMany({ where: { segmentId }, orderBy: { customerId: "asc" } })).map((m) => m.customerId);
}

emptyTablesBeforeEach("customers", "segments", "products");
afterAll(async () => {
  await closeQueues();
});

describe("conditions against Postgres", () => {
  it("the preview's sample is the first members by id, with per-condition counts from the same rules", async () => {
    const all = [];
    for (let i = 0; i < 8; i++) all.push(await customer(`s${i}@x.test`, { country: i % 2 === 0 ? "GB" : "FR" }));
    const gb = rules("and", { kind: "attribute", field: "country", valueType: "text", op: "eq", value: "GB" });
    const preview = await previewSegment({ rules: gb, now: NOW, sampleSize: 3 });
    expect(preview.total).toBe(4);
    expect(preview.conditionCounts).toEqual({ "0": 4 });
    expect(preview.sample.map((s) => s.id)).toEqual([all[0], all[2], all[4]]);
    expect(preview.sample[0]).toMatchObject({ email: "s0@x.test" });

    // With a subquery condition the counting pass keeps the sample: the same first members by id,
    // whatever order the scan meets them in.
    for (const i of [6, 3, 4, 0, 1]) await event(all[i]!, "product_viewed", ago(H));
    const viewedInGb = rules(
      "and",
      { kind: "event", eventType: "product_viewed", window: { type: "last", amount: 1, unit: "days" } },
      { kind: "attribute", field: "country", valueType: "text", op: "eq", value: "GB" },
    );
    const both = await previewSegment({ rules: viewedInGb, now: NOW, sampleSize: 2 });
    expect(both.total).toBe(3);
    expect(both.conditionCounts).toEqual({ "0": 5, "1": 4 });
    expect(both.sample.map((s) => s.id)).toEqual([all[0], all[4]]);
    expect(both.sample[1]).toMatchObject({ email: "s4@x.test" });
    expect((await previewSegment({ rules: viewedInGb, now: NOW, sampleSize: 10 })).sample.map((s) => s.id)).toEqual([
      all[0],
      all[4],
      all[6],
    ]);
    const nobody = rules("and", { kind: "event", eventType: "order_completed", window: { type: "last", amount: 1, unit: "days" } });
    expect(await previewSegment({ rules: nobody, now: NOW, sampleSize: 5 })).toMatchObject({ total: 0, sample: [] });
  });

  it("event windows are exact to the second, property filters and counts apply, and 'did not' matches customers with no events", async () => {
    const a = await customer("a@x.test");
    const b = await customer("b@x.test");
    await customer("none@x.test");
    // a: 3 shoe views, one exactly 7 days ago (outside "the last 7 days"), two inside.
    await event(a, "product_viewed", ago(7 * D), { category: "shoes" });
    await event(a, "product_viewed", ago(7 * D - 1000), { category: "shoes" });
    await event(a, "product_viewed", ago(H), { category: "shoes" });
    await event(b, "product_viewed", ago(H), { category: "hats" });
    const viewedShoes = (count: number) =>
      rules("and", {
        kind: "event",
        eventType: "product_viewed",
        where: [{ key: "category", op: "eq", value: "shoes" }],
        countOp: "gte",
        count,
        window: { type: "last", amount: 7, unit: "days" },
      });
    expect(await ids(viewedShoes(2))).toBe(1);
    expect(await ids(viewedShoes(3))).toBe(0);
    expect(
      await ids(
        rules("and", { kind: "event", eventType: "order_completed", did: false, window: { type: "last", amount: 90, unit: "days" } }),
      ),
    ).toBe(3);
    expect(await ids(rules("and", { kind: "event", eventType: "product_viewed", countOp: "lte", count: 1 }))).toBe(2); // b (1) and none (0)
  });

  it("orders: count and net sum over a window, customers with no orders included by 'at most'", async () => {
    const a = await customer("a@x.test");
    const b = await customer("b@x.test");
    await customer("none@x.test");
    await order(a, 150, ago(10 * D));
    await order(a, 100, ago(20 * D));
    await order(a, 500, ago(100 * D));
    await order(b, 50, ago(D));
    const window = { type: "last", amount: 90, unit: "days" } as const;
    expect(
      await ids(
        rules(
          "and",
          { kind: "order", measure: "count", op: "gte", value: 2, window },
          { kind: "order", measure: "sum", op: "gt", value: 200, window },
        ),
      ),
    ).toBe(1);
    expect(await ids(rules("and", { kind: "order", measure: "count", op: "lte", value: 1, window }))).toBe(2);
  });

  it("nested OR inside AND, negated groups, attributes with is empty, consent defaults", async () => {
    const uk = await customer("uk@x.test", { country: "GB", attributes: { vip: true, age: 40 } });
    const fr = await customer("fr@x.test", { country: "FR", attributes: { age: 20 } });
    await customer("nowhere@x.test");
    await db.consentRecord.create({
      data: { customerId: uk, purpose: "email_marketing", status: "granted", source: "import", occurredAt: ago(D) },
    });
    await db.consentRecord.create({
      data: { customerId: fr, purpose: "email_marketing", status: "granted", source: "import", occurredAt: ago(2 * D) },
    });
    await db.consentRecord.create({
      data: { customerId: fr, purpose: "email_marketing", status: "withdrawn", source: "import", occurredAt: ago(D) },
    });
    await db.consentRecord.create({
      data: { customerId: fr, purpose: "personalization", status: "denied", source: "import", occurredAt: ago(D) },
    });
    const ukOrFr = rules(
      "or",
      { kind: "attribute", field: "country", valueType: "text", op: "eq", value: "United Kingdom" },
      { kind: "attribute", field: "country", valueType: "text", op: "eq", value: "France" },
    );
    expect(
      await ids(rules("and", ukOrFr, { kind: "attribute", field: "age", custom: true, valueType: "number", op: "gte", value: 30 })),
    ).toBe(1);
    expect(await ids(rules("and", { ...ukOrFr, not: true }))).toBe(1);
    expect(await ids(rules("and", { kind: "attribute", field: "country", valueType: "text", op: "is_empty" }))).toBe(1);
    expect(await ids(rules("and", { kind: "attribute", field: "vip", custom: true, valueType: "boolean", op: "is_true" }))).toBe(1);
    expect(await ids(rules("and", { kind: "consent", purpose: "email_marketing" }))).toBe(1);
    expect(await ids(rules("and", { kind: "consent", purpose: "personalization" }))).toBe(2);
  });

  it("features and RFM: recency is measured from the reference date, names follow the grid", async () => {
    const ids3 = [await customer("a@x.test"), await customer("b@x.test"), await customer("c@x.test")];
    await order(ids3[0]!, 100, ago(2 * D));
    await order(ids3[1]!, 100, ago(200 * D));
    await refreshCustomerFeatures({ asOf: NOW });
    expect(await scoreRfm()).toBe(2);
    expect(await ids(rules("and", { kind: "feature", feature: "recency_days", op: "lte", value: 2 }))).toBe(1);
    expect(await ids(rules("and", { kind: "feature", feature: "frequency", op: "eq", value: 0 }))).toBe(1);
    // n = 2: the older purchase ranks 1 → R 1; the recent one ranks 2 → R = 1 + floor(5 × 1 / 2) = 3.
    expect(await ids(rules("and", { kind: "rfm", field: "r", op: "eq", value: 3 }))).toBe(1);
    expect(await ids(rules("and", { kind: "rfm", field: "segment", op: "eq", value: "Hibernating" }))).toBe(1);
  });

  it("explains, per condition, met or not with the deciding value", async () => {
    const a = await customer("a@x.test", { country: "FR" }); // stored as a code; the rule names the country
    await event(a, "product_viewed", ago(H));
    const explained = await explainMembership({
      customerId: a,
      now: NOW,
      rules: rules(
        "and",
        { kind: "attribute", field: "country", valueType: "text", op: "eq", value: "France" },
        { kind: "event", eventType: "product_viewed", countOp: "gte", count: 2 },
      ),
    });
    expect(explained.matches).toBe(false);
    expect(explained.conditions).toMatchObject([
      { path: "0", met: true, value: "FR" },
      { path: "1", met: false, value: "1" },
    ]);
  });
});

describe("saved segments and stored membership", () => {
  it("refuses cycles with a message naming the segments", async () => {
    const a = await saveSegment({ input: { name: "A", description: "", rules: rules("and") }, actor }).catch(() => undefined);
    // Redis is available in tests: saving queues the rebuild.
    expect(a).toBeDefined();
    const b = await saveSegment({
      input: { name: "B", description: "", rules: rules("and", { kind: "segment", segmentId: a!.id }) },
      actor,
    });
    await expect(
      saveSegment({ id: a!.id, input: { name: "A", description: "", rules: rules("and", { kind: "segment", segmentId: b.id }) }, actor }),
    ).rejects.toThrow("A segment cannot contain itself: “A” → “B” → “A”");
    await expect(
      saveSegment({ id: a!.id, input: { name: "A", description: "", rules: rules("and", { kind: "segment", segmentId: a!.id }) }, actor }),
    ).rejects.toThrow(/cannot contain itself/);
  });

  it("time passing alone: leaves 'viewed in the last 24 hours', enters 'no order in 90 days', within one tick", async () => {
    const a = await customer("a@x.test");
    await event(a, "product_viewed", ago(23 * H));
    await order(a, 10, ago(89 * D));
    const recent = await saveSegment({
      input: {
        name: "Recent viewers",
        description: "",
        rules: rules("and", { kind: "event", eventType: "product_viewed", window: { type: "last", amount: 24, unit: "hours" } }),
      },
      actor,
    });
    const lapsed = await saveSegment({
      input: {
        name: "Lapsed",
        description: "",
        rules: rules("and", { kind: "order", measure: "count", op: "eq", value: 0, window: { type: "last", amount: 90, unit: "days" } }),
      },
      actor,
    });
    const lapsedOf = await saveSegment({
      input: { name: "Lapsed (cascade)", description: "", rules: rules("and", { kind: "segment", segmentId: lapsed.id }) },
      actor,
    });
    for (const s of [recent, lapsed, lapsedOf]) await rebuildSegment({ segmentId: s.id, now: NOW });
    expect(await members(recent.id)).toEqual([a]);
    expect(await members(lapsed.id)).toEqual([]);

    // 30 minutes later: nothing crosses an edge.
    expect(await tickTimeSegments({ now: new Date(NOW.getTime() + 30 * 60_000) })).toMatchObject({ entered: 0, exited: 0 });
    // 1 h 1 s later: the view is 24 h 1 s old, and no order for 90 days.
    const later = new Date(NOW.getTime() + D + 1000);
    const tick = await tickTimeSegments({ now: new Date(NOW.getTime() + H + 1000) });
    expect(tick).toMatchObject({ exited: 1 });
    expect(await members(recent.id)).toEqual([]);
    await tickTimeSegments({ now: later });
    expect(await members(lapsed.id)).toEqual([a]);
    expect(await members(lapsedOf.id)).toEqual([a]);
    const causes = await db.segmentTransition.findMany({
      where: { cause: "time" },
      orderBy: { id: "asc" },
      select: { segmentId: true, kind: true },
    });
    expect(causes).toEqual([
      { segmentId: recent.id, kind: "exit" },
      { segmentId: lapsed.id, kind: "enter" },
      { segmentId: lapsedOf.id, kind: "enter" },
    ]);
  });

  it("keeps the timers off while the reference date is pinned", async () => {
    await db.setting.upsert({ where: { id: 1 }, create: { referenceDate: NOW }, update: { referenceDate: NOW } });
    expect(await tickTimeSegments({ now: new Date(NOW.getTime() + 100 * D) })).toEqual({
      segments: 0,
      candidates: 0,
      entered: 0,
      exited: 0,
    });
    await db.setting.update({ where: { id: 1 }, data: { referenceDate: null } });
  });
});
