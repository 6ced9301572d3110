import type pg from "pg";
import { AppError } from "../../errors";
import { readTimeZone } from "../../imports/formats/online-retail/read-time-zone";

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The installation's time zone and the last day (local) with a purchase no later than the reference
 * moment: the natural end of the observed data (the Online Retail file ends in 2011, not today).
 */
export async function readDataEnd(client: pg.ClientBase, referenceNow: Date): Promise<{ timeZone: string; lastPurchaseDay: string }> {
  const timeZone = await readTimeZone(client);
  const found = await client.query<{ day: string | null }>(
    `SELECT to_char(max(placed_at) AT TIME ZONE $1, 'YYYY-MM-DD') AS day FROM orders WHERE kind = 'purchase' AND placed_at <= $2`,
    [timeZone, referenceNow],
  );
  const day = found.rows[0]?.day;
  if (!day) throw new AppError("unprocessable", "There are no purchases to learn from yet: import orders first.");
  return { timeZone, lastPurchaseDay: day };
}

/** SQL for the first instant after local day $n (so `placed_at < endOfDaySql(n)` means "on or before that day"). */
export function endOfDaySql(dateParam: string, timeZoneParam: string): string {
  return `((${dateParam}::date + 1)::timestamp AT TIME ZONE ${timeZoneParam})`;
}
