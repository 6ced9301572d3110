import type pg from "pg";
import { positionedLines } from "./merge-order-lines";

/** For a dry run: how many staged rows are already stored as order lines (same invoice, same position). */
export async function countPresentLines(opts: { client: pg.ClientBase; table: string }): Promise<number> {
  const result = await opts.client.query<{ present: number }>(`
    SELECT count(*)::integer AS present
    FROM (${positionedLines(opts.table)}) l
    JOIN orders o ON o.source = 'online-retail' AND o.order_number = l.invoice_no
    JOIN order_lines ol ON ol.order_id = o.id AND ol.position = l.position`);
  return result.rows[0]?.present ?? 0;
}
