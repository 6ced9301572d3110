import { db } from "../db";

export interface SegmentMemberRow {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  enteredAt: Date;
}

/** Stored members, by customer id, keyset-paginated (`after` = the last id of the previous page). */
export async function listSegmentMembers(opts: {
  segmentId: string;
  after?: number;
  limit: number;
}): Promise<{ members: SegmentMemberRow[]; nextAfter: number | null }> {
  const rows = await db.segmentMember.findMany({
    where: { segmentId: opts.segmentId, ...(opts.after ? { customerId: { gt: opts.after } } : {}) },
    orderBy: { customerId: "asc" },
    take: opts.limit + 1,
    select: { enteredAt: true, customer: { select: { id: true, email: true, firstName: true, lastName: true } } },
  });
  const page = rows.slice(0, opts.limit).map((r) => ({ ...r.customer, enteredAt: r.enteredAt }));
  return { members: page, nextAfter: rows.length > opts.limit ? (page.at(-1)?.id ?? null) : null };
}
