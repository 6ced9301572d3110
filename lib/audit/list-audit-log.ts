import { db, type Prisma } from "../db";
import { pageInfo } from "../http/pagination";
import type { AuditQuery } from "./schemas";

export const auditPageSize = 50;

/** One page of the audit log, newest first, filtered by actor, action, target and time (UTC bounds). */
export async function listAuditLog(options: { query: AuditQuery }) {
  const q = options.query;
  const where: Prisma.AuditLogWhereInput = {
    ...(q.actor ? { actorLabel: { contains: q.actor, mode: "insensitive" } } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.from || q.to
      ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: new Date(q.to.getTime() + 86_400_000) } : {}) } }
      : {}),
  };
  const [rows, total, actions] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * auditPageSize, take: auditPageSize }),
    db.auditLog.count({ where }),
    db.$queryRaw<{ action: string }[]>`SELECT DISTINCT action FROM audit_log ORDER BY 1 LIMIT 200`,
  ]);
  return { rows, page: pageInfo({ page: q.page, pageSize: auditPageSize, total }), actions: actions.map((a) => a.action) };
}
