import { rm } from "node:fs/promises";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { importFileJob } from "../jobs/import-file-job";
import { getQueue } from "../jobs/get-queue";
import { uploadFilePath } from "./uploads/upload-paths";

/**
 * The cancel button: a queued import is cancelled at once (its job removed, its upload deleted); a
 * running one is asked to stop and rolls back at its next check (within about a second).
 */
export async function cancelImport(opts: { id: string; actor: Actor }): Promise<{ status: "cancelled" | "cancelling" }> {
  const job = await db.importJob.findUnique({ where: { id: opts.id }, select: { id: true, status: true, options: true } });
  if (!job) throw new AppError("not_found", `There is no import ${opts.id}.`);
  if (job.status !== "queued" && job.status !== "running")
    throw new AppError(
      "conflict",
      `This import has already ${job.status === "succeeded" ? "finished" : job.status}: there is nothing to cancel.`,
    );
  const now = new Date();
  await writeAuditLog({
    actor: opts.actor,
    action: "import.cancel_requested",
    targetType: "import_job",
    targetId: job.id,
    before: { status: job.status },
  });
  if (job.status === "queued") {
    const updated = await db.importJob.updateMany({
      where: { id: job.id, status: "queued" },
      data: { status: "cancelled", phase: "cancelled", cancelRequestedAt: now, finishedAt: now, error: "Cancelled before it started." },
    });
    if (updated.count === 1) {
      await getQueue(importFileJob.name)
        .remove(job.id)
        .catch(() => 0);
      const uploadId = (job.options as { uploadId?: string } | null)?.uploadId;
      if (uploadId) await rm(uploadFilePath(uploadId), { force: true });
      return { status: "cancelled" };
    }
  }
  await db.importJob.update({ where: { id: job.id }, data: { cancelRequestedAt: now } });
  return { status: "cancelling" };
}
