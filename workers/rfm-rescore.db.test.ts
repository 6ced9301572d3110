import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { rebuildCustomerFeatures } from "../lib/features/rebuild-customer-features";
import { closeQueues, getQueue } from "../lib/jobs/get-queue";
import { getRfmRescoreStatus, queueRfmRescore, RFM_RESCORE_CRON, rfmRescoreJob } from "../lib/jobs/rfm-rescore-job";
import { saveSegment } from "../lib/segments/save-segment";
import { segmentRulesSchema } from "../lib/segments/schemas";
import { waitForSegmentBuilds } from "../test/wait-for-segment-builds";
import { startWorkers } from "./start-workers";

const DAY = 86_400_000;

async function purchase(customerId: number, daysAgo: number): Promise<void> {
  await db.order.create({
    data: {
      customerId,
      source: "test",
      orderNumber: `${customerId}-${daysAgo}`,
      kind: "purchase",
      placedAt: new Date(Date.now() - daysAgo * DAY),
      total: 50,
    },
  });
}

afterAll(async () => {
  await closeQueues();
});

describe("RFM rescore on demand", () => {
  it("rescores everyone with progress, then rebuilds the segments that read RFM", async () => {
    // Five buyers, last purchases 10, 20, 30, 40 and 50 days ago: R scores 5, 4, 3, 2, 1.
    const ids: number[] = [];
    for (const days of [10, 20, 30, 40, 50]) {
      const { id } = await db.customer.create({ data: { email: `r${days}@x.test` } });
      await purchase(id, days);
      ids.push(id);
    }
    await rebuildCustomerFeatures();
    const [recent10, , , , old50] = ids as [number, number, number, number, number];
    // The nightly run waits in the queue (delayed) as in production: it is no rescore under way.
    await getQueue(rfmRescoreJob.name).upsertJobScheduler(
      "rfm-rescore-nightly",
      { pattern: RFM_RESCORE_CRON },
      { name: rfmRescoreJob.name, data: {} },
    );
    expect(await getRfmRescoreStatus()).toMatchObject({ state: "idle", segmentsRebuilding: 0 });
    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      const best = await saveSegment({
        input: {
          name: "Most recent buyers",
          description: "",
          rules: segmentRulesSchema.parse({
            type: "group",
            op: "and",
            children: [{ type: "condition", kind: "rfm", field: "r", op: "eq", value: 5 }],
          }),
        },
        actor: systemActor("system"),
      });
      await waitForSegmentBuilds();
      const members = async () => (await db.segmentMember.findMany({ where: { segmentId: best.id } })).map((m) => m.customerId);
      expect(await members()).toEqual([recent10]);

      // The oldest buyer buys today; nothing refreshes features: only a rescore moves the quintiles.
      await purchase(old50, 0);
      const queued = await queueRfmRescore();
      expect(["queued", "running"]).toContain(queued.state);
      // A second press while it runs does not queue another.
      const again = await queueRfmRescore();
      expect(["queued", "running", "done"]).toContain(again.state);
      await expect.poll(async () => (await getRfmRescoreStatus()).state, { timeout: 20_000, interval: 100 }).toBe("done");
      const done = await getRfmRescoreStatus();
      expect(done.progress).toBe(100);
      expect(done.finishedAt).not.toBeNull();
      const rescored = await db.customerFeature.findMany({
        where: { customerId: { in: [recent10, old50] } },
        orderBy: { customerId: "asc" },
        select: { customerId: true, rScore: true },
      });
      expect(rescored).toEqual([
        { customerId: recent10, rScore: 4 },
        { customerId: old50, rScore: 5 },
      ]);
      await waitForSegmentBuilds();
      expect(await members()).toEqual([old50]);
      expect((await getRfmRescoreStatus()).segmentsRebuilding).toBe(0);
      const transitions = await db.segmentTransition.findMany({
        where: { segmentId: best.id },
        orderBy: { id: "asc" },
        select: { customerId: true, kind: true },
      });
      expect(transitions.map((t) => `${t.kind} ${t.customerId}`).sort()).toEqual(
        [`enter ${old50}`, `enter ${recent10}`, `exit ${recent10}`].sort(),
      );
    } finally {
      await workers.close();
    }
  });
});
