import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { AppError } from "../errors";
import { getQueue } from "./get-queue";

/** How one kind of run (clustering, model training) is read and marked, for cancelQueuedRun. */
export interface CancellableRuns {
  /** "clustering run", "model run": for messages. */
  noun: string;
  /** The audit log's target type ("cluster_run"). */
  auditType: string;
  queueName: string;
  cancelledMessage: string;
  status(id: string): Promise<string | null>;
  /** Marks a still-queued run cancelled; false when it had started meanwhile. */
  cancelIfQueued(id: string, at: Date, message: string): Promise<boolean>;
  requestCancel(id: string, at: Date): Promise<void>;
}

/** The cancel button: a queued run is cancelled at once (and its job removed); a running one is asked to stop. */
export async function cancelQueuedRun(
  runs: CancellableRuns,
  opts: { id: string; actor: Actor },
): Promise<{ status: "cancelled" | "cancelling" }> {
  const status = await runs.status(opts.id);
  if (!status) throw new AppError("not_found", `There is no ${runs.noun} ${opts.id}.`);
  if (status !== "queued" && status !== "running")
    throw new AppError("conflict", `This run has already ${status === "succeeded" ? "finished" : status}: there is nothing to cancel.`);
  const now = new Date();
  await writeAuditLog({
    actor: opts.actor,
    action: `${runs.auditType}.cancel_requested`,
    targetType: runs.auditType,
    targetId: opts.id,
    before: { status },
  });
  if (status === "queued" && (await runs.cancelIfQueued(opts.id, now, runs.cancelledMessage))) {
    await getQueue(runs.queueName)
      .remove(opts.id)
      .catch(() => 0);
    return { status: "cancelled" };
  }
  await runs.requestCancel(opts.id, now);
  return { status: "cancelling" };
}
