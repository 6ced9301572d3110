import type { Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { cancelQueuedRun } from "../../jobs/cancel-queued-run";
import { modelTrainQueue } from "../../jobs/model-train-queue";
import { CANCELLED_MESSAGE } from "./cancelled-message";

/** The cancel button: a queued run is cancelled at once; a running one stops at its next check, saving nothing. */
export async function cancelModelRun(opts: { id: string; actor: Actor }): Promise<{ status: "cancelled" | "cancelling" }> {
  return cancelQueuedRun(
    {
      noun: "model run",
      auditType: "model_run",
      queueName: modelTrainQueue.name,
      cancelledMessage: CANCELLED_MESSAGE,
      status: async (id) => (await db.modelRun.findUnique({ where: { id }, select: { status: true } }))?.status ?? null,
      cancelIfQueued: async (id, at, error) =>
        (
          await db.modelRun.updateMany({
            where: { id, status: "queued" },
            data: { status: "cancelled", phase: "cancelled", cancelRequestedAt: at, finishedAt: at, error },
          })
        ).count === 1,
      requestCancel: async (id, at) => {
        await db.modelRun.update({ where: { id }, data: { cancelRequestedAt: at } });
      },
    },
    opts,
  );
}
