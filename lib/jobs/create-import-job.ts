import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { createImportRecord } from "../imports/create-import-record";
import type { ImportKind, ImportOptions } from "../imports/format-schemas";
import { enqueueJob } from "./enqueue-job";
import { importFileJob } from "./import-file-job";

/**
 * Creates the import_jobs row and queues its run for the worker; returns the import's id.
 * The file must stay at `filePath` until the import is done. The run is attributed to `actor`
 * when it is a user; otherwise to the worker.
 */
export async function createImportJob(opts: {
  kind: ImportKind;
  fileName: string;
  filePath: string;
  dryRun?: boolean;
  actor: Actor;
  /** How to read the file (mapping, encoding, date order; deleteFileAfter for uploads). */
  options?: Partial<ImportOptions>;
}): Promise<string> {
  const { id } = await createImportRecord({
    kind: opts.kind,
    fileName: opts.fileName,
    dryRun: opts.dryRun,
    createdById: opts.actor.id,
    options: opts.options,
  });
  try {
    await enqueueJob({ job: importFileJob, data: { importJobId: id, filePath: opts.filePath }, jobId: id });
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await db.importJob.update({ where: { id }, data: { status: "failed", phase: "failed", error, finishedAt: new Date() } });
    throw e;
  }
  return id;
}
