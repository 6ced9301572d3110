import { db } from "../db";
import { pageInfo } from "../http/pagination";
import type { ImportRejectionRow, Paged } from "./schemas";

export const importRejectionsPageSize = 50;

/** A page of an import's rejected rows and skipped fields, in file order (served by the (import_job_id, row_number) index). */
export async function listImportRejections(options: {
  importJobId: string;
  page: number;
  pageSize?: number;
}): Promise<Paged<ImportRejectionRow>> {
  const pageSize = options.pageSize ?? importRejectionsPageSize;
  const where = { importJobId: options.importJobId };
  const [rows, total] = await Promise.all([
    db.importRejection.findMany({
      where,
      orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
      skip: (options.page - 1) * pageSize,
      take: pageSize,
      select: { id: true, rowNumber: true, field: true, reason: true, raw: true, kept: true },
    }),
    db.importRejection.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...r, id: r.id.toString() })), ...pageInfo({ page: options.page, pageSize, total }) };
}
