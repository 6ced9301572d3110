import { db } from "../db";
import { AppError } from "../errors";
import type { ImportJobSummary } from "./schemas";
import { importJobSelect, toImportSummary } from "./to-import-summary";

/** One import job; throws not_found for an unknown id. */
export async function getImportJob(options: { id: string }): Promise<ImportJobSummary> {
  const job = await db.importJob.findUnique({ where: { id: options.id }, select: importJobSelect });
  if (!job) throw new AppError("not_found", `There is no import ${options.id}. Pick one from the list on /imports.`);
  return toImportSummary(job);
}
