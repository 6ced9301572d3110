import { db } from "../db";
import type { SuppressionReason } from "../generated/prisma/enums";
import { pageInfo, type PageInfo } from "../http/pagination";

export const suppressionsPageSize = 50;

/** One page of the suppression list, newest first; `q` matches part of an address (erased ones have none). */
export async function listSuppressions(options: { page: number; q?: string; reason?: SuppressionReason }) {
  const where = {
    ...(options.q ? { email: { contains: options.q.trim().toLowerCase() } } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  };
  const [rows, total] = await Promise.all([
    db.suppression.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (options.page - 1) * suppressionsPageSize,
      take: suppressionsPageSize,
      select: { id: true, email: true, reason: true, source: true, note: true, createdAt: true },
    }),
    db.suppression.count({ where }),
  ]);
  return { rows, page: pageInfo({ page: options.page, pageSize: suppressionsPageSize, total }) as PageInfo };
}
