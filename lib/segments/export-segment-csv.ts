import { classifyRecipientsSql, type NotMailableReason } from "../campaigns/mailable-audience";
import { listConsentPurposes } from "../consent/purposes";
import { db } from "../db";
import { csvCell } from "../exports/csv-cell";
import { Prisma } from "../generated/prisma/client";

const BATCH = 2000;

/** What the `mailable` column says for each reason the campaigns' will-receive function gives. */
const notMailable: Record<NotMailableReason, string> = {
  no_consent: "no: no email consent",
  suppressed: "no: suppressed address",
  frequency_cap: "no: over the frequency cap",
  no_address: "no: no email address",
};

interface MemberRow {
  id: number;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  country: string | null;
  entered_at: Date;
  reason: NotMailableReason | null;
}

/**
 * The segment's stored members as CSV, streamed in keyset-paginated batches (memory stays flat),
 * with a `mailable` column (the campaigns' one will-receive rule: consent, suppression, frequency
 * cap, address) and one consent column per purpose ("allowed" or "not allowed", the latest record
 * else the purpose's default). `mailableOnly` (the default) leaves out everyone who must not be
 * emailed.
 */
export async function exportSegmentCsv(opts: { segmentId: string; mailableOnly?: boolean }): Promise<ReadableStream<Uint8Array>> {
  const mailableOnly = opts.mailableOnly ?? true;
  const purposes = await listConsentPurposes();
  const encoder = new TextEncoder();
  let after = 0;
  let header = true;
  return new ReadableStream({
    async pull(controller) {
      if (header) {
        header = false;
        const columns = ["customer_id", "email", "first_name", "last_name", "country", "entered_at", "mailable"];
        controller.enqueue(encoder.encode([...columns, ...purposes.map((p) => `consent_${p.key}`)].join(",") + "\n"));
        return;
      }
      // A batch may hold no one mailable: read on until one does, or the members end.
      for (;;) {
        const batch = Prisma.sql`SELECT customer_id FROM segment_members WHERE segment_id = ${opts.segmentId} AND customer_id > ${after}
          ORDER BY customer_id LIMIT ${BATCH}`;
        const classified = await classifyRecipientsSql({ customers: batch });
        const rows = await db.$queryRaw<MemberRow[]>`
          SELECT c.id, c.email, c.first_name, c.last_name, c.country, sm.entered_at, r.reason
          FROM (${classified}) r JOIN customers c ON c.id = r.customer_id
          JOIN segment_members sm ON sm.segment_id = ${opts.segmentId} AND sm.customer_id = r.customer_id
          ORDER BY c.id`;
        if (rows.length === 0) {
          controller.close();
          return;
        }
        after = rows[rows.length - 1]!.id;
        const kept = mailableOnly ? rows.filter((r) => r.reason === null) : rows;
        if (kept.length === 0) continue;
        const consents = await db.$queryRaw<{ customer_id: number; purpose: string; status: string }[]>`
          SELECT customer_id, purpose, status::text FROM consent_latest WHERE customer_id = ANY(${kept.map((r) => r.id)}::int[])`;
        const latest = new Map(consents.map((c) => [`${c.customer_id} ${c.purpose}`, c.status]));
        const consentCells = (id: number) =>
          purposes.map((p) => {
            const status = latest.get(`${id} ${p.key}`);
            return (status === undefined ? p.defaultRule === "opt_out" : status === "granted") ? "allowed" : "not allowed";
          });
        const lines = kept.map((r) =>
          [
            r.id,
            r.email,
            r.first_name,
            r.last_name,
            r.country,
            r.entered_at,
            r.reason === null ? "yes" : notMailable[r.reason],
            ...consentCells(r.id),
          ]
            .map(csvCell)
            .join(","),
        );
        controller.enqueue(encoder.encode(lines.join("\n") + "\n"));
        return;
      }
    },
  });
}
