import { db } from "../db";
import { AppError } from "../errors";

export interface SampleCustomer {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

/**
 * Customers of a segment in id order, after a given one: "preview as a segment's sample" and
 * "next customer" (pass the last id shown as `after`; the list wraps around at the end).
 */
export async function listSegmentSample(
  segmentId: string,
  options: { after?: string | number; limit: number },
): Promise<{ segment: { id: string; name: string; memberCount: number }; customers: SampleCustomer[] }> {
  const segment = await db.segment.findUnique({ where: { id: segmentId }, select: { id: true, name: true, memberCount: true } });
  if (!segment) throw new AppError("not_found", "There is no such segment: choose one from the list.");
  const limit = Math.max(1, Math.min(100, options.limit));
  const after = options.after === undefined || options.after === "" ? 0 : Number(options.after);
  const page = (from: number) =>
    db.$queryRaw<SampleCustomer[]>`
      SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.email
      FROM segment_members m JOIN customers c ON c.id = m.customer_id
      WHERE m.segment_id = ${segmentId} AND m.customer_id > ${from}
      ORDER BY m.customer_id LIMIT ${limit}`;
  let customers = await page(Number.isFinite(after) ? after : 0);
  if (customers.length === 0 && after > 0) customers = await page(0);
  return { segment, customers };
}
