import { writeAuditLog, type Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { AppError } from "../../errors";
import { clusterRunQueue } from "../../jobs/cluster-run-queue";
import { getQueue } from "../../jobs/get-queue";
import { CANCELLED_MESSAGE } from "./fail-stale-runs";

/** The cancel button: a queued run is cancelled at once; a running one stops within about a second, saving nothing. */
export async function cancelClusterRun(opts: { id: string; actor: Actor }): Promise<{ status: "cancelled" | "cancelling" }> {
  const run = await db.clusterRun.findUnique({ where: { id: opts.id }, select: { id: true, status: true } });
  if (!run) throw new AppError("not_found", `There is no clustering run ${opts.id}.`);
  if (run.status !== "queued" && run.status !== "running")
    throw new AppError(
      "conflict",
      `This run has already ${run.status === "succeeded" ? "finished" : run.status}: there is nothing to cancel.`,
    );
  const now = new Date();
  await writeAuditLog({
    actor: opts.actor,
    action: "cluster_run.cancel_requested",
    targetType: "cluster_run",
    targetId: run.id,
    before: { status: run.status },
  });
  if (run.status === "queued") {
    const updated = await db.clusterRun.updateMany({
      where: { id: run.id, status: "queued" },
      data: { status: "cancelled", phase: "cancelled", cancelRequestedAt: now, finishedAt: now, error: CANCELLED_MESSAGE },
    });
    if (updated.count === 1) {
      await getQueue(clusterRunQueue.name)
        .remove(run.id)
        .catch(() => 0);
      return { status: "cancelled" };
    }
  }
  await db.clusterRun.update({ where: { id: run.id }, data: { cancelRequestedAt: now } });
  return { status: "cancelling" };
}
