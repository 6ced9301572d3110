import { db } from "../db";
import type { ImportKind, ImportOptions } from "./format-schemas";

/** Creates the import_jobs row (status queued) that a run then reports on. */
export async function createImportRecord(opts: {
  kind: ImportKind;
  fileName: string;
  dryRun?: boolean;
  createdById?: string | null;
  options?: Partial<ImportOptions>;
}): Promise<{ id: string }> {
  return db.importJob.create({
    data: {
      kind: opts.kind,
      fileName: opts.fileName,
      dryRun: opts.dryRun ?? false,
      createdById: opts.createdById ?? null,
      options: opts.options ?? {},
    },
    select: { id: true },
  });
}
