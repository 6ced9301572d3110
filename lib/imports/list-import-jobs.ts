import { db } from "../db";
import { pageInfo } from "../http/pagination";
import type { ImportJobSummary, Paged } from "./schemas";
import { importJobSelect, toImportSummary } from "./to-import-summary";

export const importJobsPageSize = 20;

/** A page of import jobs, newest first. */
export async function listImportJobs(options: { page: number; pageSize?: number }): Promise<Paged<ImportJobSummary>> {
  const pageSize = options.pageSize ?? importJobsPageSize;
  const [jobs, total] = await Promise.all([
    db.importJob.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * pageSize,
      take: pageSize,
      select: importJobSelect,
    }),
    db.importJob.count(),
  ]);
  return { items: jobs.map(toImportSummary), ...pageInfo({ page: options.page, pageSize, total }) };
}
