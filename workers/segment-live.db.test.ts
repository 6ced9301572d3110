import { afterAll, describe, expect, it } from "vitest";
import { emptyTablesBeforeEach } from "../test/empty-tables";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { onCustomersChanged } from "../lib/segments/on-customers-changed";
import { saveSegment } from "../lib/segments/save-segment";
import { segmentRulesSchema, type ConditionInput, type SegmentRules } from "../lib/segments/schemas";
import { waitForSegmentBuilds } from "../test/wait-for-segment-builds";
import { startWorkers } from "./start-workers";

const actor = systemActor("system");
const rules = (op: "and" | "or", ...conds: ConditionInput[]): SegmentRules =>
  segmentRulesSchema.parse({ type: "group", op, children: conds.map((c) => ({ type: "condition", ...c })) });
async function customer(email: string): Promise<number> {
  return (await db.customer.create({ data: { email } })).id;
}
async function event(customerId: number, type: string, at: Date) {
  await db.event.create({ data: { customerId, type, occurredAt: at } });
}
async function members(segmentId: string): Promise<number[]> {
  return (await db.segmentMember.findMany({ where: { segmentId }, orderBy: { customerId: "asc" } })).map((m) => m.customerId);
}

emptyTablesBeforeEach("customers", "segments");
afterAll(async () => {
  await closeQueues();
});

describe("live segment membership through the worker", () => {
  it("updates live on a tracked event (insert + onCustomersChanged), cascades to segments of segments, records entries", async () => {
    const a = await customer("a@x.test");
    const b = await customer("b@x.test");
    const viewers = await saveSegment({
      input: { name: "Viewers", description: "", rules: rules("and", { kind: "event", eventType: "product_viewed" }) },
      actor,
    });
    const viewersUk = await saveSegment({
      input: { name: "Viewers of segment", description: "", rules: rules("and", { kind: "segment", segmentId: viewers.id }) },
      actor,
    });
    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      await waitForSegmentBuilds();
      expect(await members(viewers.id)).toEqual([]);
      await event(b, "product_viewed", new Date());
      await onCustomersChanged({ customerIds: [b], kinds: ["event:product_viewed"] });
      // Within about a second (npm run bench:segments measures it); generous here for loaded CI machines.
      await expect.poll(() => members(viewersUk.id), { timeout: 5000, interval: 20 }).toEqual([b]);
      expect(await members(viewers.id)).toEqual([b]);
      expect(a).not.toBe(b);
      const transitions = await db.segmentTransition.findMany({ where: { customerId: b }, orderBy: { id: "asc" } });
      expect(transitions.map((t) => [t.segmentId, t.kind, t.cause])).toEqual([
        [viewers.id, "enter", "change"],
        [viewersUk.id, "enter", "change"],
      ]);
    } finally {
      await workers.close();
    }
  });
});
