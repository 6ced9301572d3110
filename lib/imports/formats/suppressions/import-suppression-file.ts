import { addressHash } from "../../../consent/installation-secret";
import { importableSuppressionReasons } from "../../../consent/suppression-schemas";
import { importCsvInBatches } from "../../csv/import-csv-in-batches";
import type { ImporterOptions, ImporterResult } from "../../importer";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * `suppressions`: a CSV with `email` and optionally `reason` (unsubscribed, hard_bounce, complaint,
 * manual — the default) and `note`. Addresses already listed keep their entry; a bad row is rejected
 * with its field. Streamed in batches, one transaction: a failed or cancelled import adds nothing.
 */
export async function importSuppressionFile(opts: ImporterOptions): Promise<ImporterResult> {
  const counts = await importCsvInBatches(opts, {
    applicationName: "tailor-import-suppressions",
    header: { what: "a suppression list (columns email, and optionally reason and note)", required: ["email"] },
    batchSize: 5000,
    read(values, problems) {
      const email = (values.email ?? "").toLowerCase();
      const reason = (values.reason || "manual").toLowerCase();
      if (!EMAIL.test(email)) problems.push({ field: "email", reason: `"${values.email ?? ""}" is not an email address` });
      else if (!(importableSuppressionReasons as readonly string[]).includes(reason)) {
        problems.push({
          field: "reason",
          reason: `"${values.reason}" is not a reason; use unsubscribed, hard_bounce, complaint or manual`,
        });
      }
      return { email, reason, note: (values.note ?? "").slice(0, 500) };
    },
    async write(batch, { client, counts }) {
      // The same address twice in a file counts once (the first row's reason).
      const rows = [...new Map(batch.reverse().map((r) => [r.value.email, r.value])).values()];
      counts.alreadyPresent += batch.length - rows.length;
      if (!client) {
        counts.imported += rows.length;
        return;
      }
      const { rowCount } = await client.query(
        `INSERT INTO suppressions (address_hash, email, reason, source, note, created_by_id)
         SELECT u.h, u.e, u.r::"SuppressionReason", 'csv_import', u.n, $5
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(h, e, r, n)
         ON CONFLICT (address_hash) DO NOTHING`,
        [
          rows.map((r) => addressHash(r.email)),
          rows.map((r) => r.email),
          rows.map((r) => r.reason),
          rows.map((r) => r.note),
          opts.actor.id,
        ],
      );
      counts.imported += rowCount ?? 0;
      counts.alreadyPresent += rows.length - (rowCount ?? 0);
    },
  });
  return { counts, details: {} };
}
