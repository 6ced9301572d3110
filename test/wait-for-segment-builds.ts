import { expect } from "vitest";
import { db } from "../lib/db";
import { getQueue } from "../lib/jobs/get-queue";
import { segmentRebuildJob } from "../lib/jobs/segment-rebuild-job";

/**
 * Waits until every segment has been built and no rebuild is queued or running: saving queues a
 * segment's first build, and a build queues its dependents' rebuilds in turn.
 */
export async function waitForSegmentBuilds(timeout = 20_000): Promise<void> {
  const rebuilds = getQueue(segmentRebuildJob.name);
  await expect
    .poll(
      async () => {
        const jobs = await rebuilds.getJobCounts("waiting", "active", "delayed", "prioritized");
        const busy = await db.segment.count({ where: { OR: [{ builtAt: null }, { buildStatus: { not: "idle" } }] } });
        return Object.values(jobs).reduce((a, b) => a + b, 0) + busy;
      },
      { timeout, interval: 100 },
    )
    .toBe(0);
}
