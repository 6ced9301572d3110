import type { Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { cancelQueuedRun } from "../../jobs/cancel-queued-run";
import { clusterRunQueue } from "../../jobs/cluster-run-queue";
import { CANCELLED_MESSAGE } from "./fail-stale-runs";

/** The cancel button: a queued run is cancelled at once; a running one stops within about a second, saving nothing. */
export async function cancelClusterRun(opts: { id: string; actor: Actor }): Promise<{ status: "cancelled" | "cancelling" }> {
  return cancelQueuedRun(
    {
      noun: "clustering run",
      auditType: "cluster_run",
      queueName: clusterRunQueue.name,
      cancelledMessage: CANCELLED_MESSAGE,
      status: async (id) => (await db.clusterRun.findUnique({ where: { id }, select: { status: true } }))?.status ?? null,
      cancelIfQueued: async (id, at, error) =>
        (
          await db.clusterRun.updateMany({
            where: { id, status: "queued" },
            data: { status: "cancelled", phase: "cancelled", cancelRequestedAt: at, finishedAt: at, error },
          })
        ).count === 1,
      requestCancel: async (id, at) => {
        await db.clusterRun.update({ where: { id }, data: { cancelRequestedAt: at } });
      },
    },
    opts,
  );
}
