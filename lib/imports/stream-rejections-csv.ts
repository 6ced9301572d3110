import { db } from "../db";
import { csvCell } from "../exports/csv-cell";

const PAGE = 5000;

/**
 * The rejected rows of an import as CSV (row, field, reason, the row as it was, and whether the row
 * was rejected or imported without that field), streamed page by page.
 */
export function streamRejectionsCsv(opts: { importJobId: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId = -1n;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode("\uFEFFrow,field,reason,original row,outcome\r\n"));
        return;
      }
      const rows = await db.importRejection.findMany({
        where: { importJobId: opts.importJobId, id: { gt: afterId } },
        orderBy: { id: "asc" },
        take: PAGE,
        select: { id: true, rowNumber: true, field: true, reason: true, raw: true, kept: true },
      });
      if (rows.length === 0) return controller.close();
      afterId = rows.at(-1)!.id;
      controller.enqueue(
        encoder.encode(
          rows
            .map(
              (r) =>
                [r.rowNumber, r.field, r.reason, r.raw, r.kept ? "field skipped, row imported" : "row rejected"].map(csvCell).join(",") +
                "\r\n",
            )
            .join(""),
        ),
      );
    },
  });
}
