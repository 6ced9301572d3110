import { db } from "../db";

const BATCH = 2000;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = v instanceof Date ? v.toISOString() : String(v);
  // Cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The segment's stored members as CSV, streamed in keyset-paginated batches (memory stays flat). */
export function exportSegmentCsv(opts: { segmentId: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let header = true;
  return new ReadableStream({
    async pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode("customer_id,email,first_name,last_name,country,entered_at\n"));
        return;
      }
      const rows = await db.$queryRawUnsafe<
        {
          id: number;
          email: string | null;
          first_name: string | null;
          last_name: string | null;
          country: string | null;
          entered_at: Date;
        }[]
      >(
        `SELECT c.id, c.email, c.first_name, c.last_name, c.country, sm.entered_at FROM segment_members sm JOIN customers c ON c.id = sm.customer_id
         WHERE sm.segment_id = $1 AND sm.customer_id > $2 ORDER BY sm.customer_id LIMIT ${BATCH}`,
        opts.segmentId,
        after,
      );
      if (rows.length === 0) {
        controller.close();
        return;
      }
      after = rows[rows.length - 1]!.id;
      controller.enqueue(
        encoder.encode(
          rows.map((r) => [r.id, r.email, r.first_name, r.last_name, r.country, r.entered_at].map(csvCell).join(",")).join("\n") + "\n",
        ),
      );
    },
  });
}
