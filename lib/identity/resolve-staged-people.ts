import type pg from "pg";
import { getIdentitySettings } from "./get-identity-settings";

/** Whether the identifier in `column` (of `type`) may be matched on and attached: not blocklisted ($1), not flagged junk. */
const usable = (type: "email" | "phone", column: string) => `
  ${column} IS NOT NULL
  AND NOT (lower(${column}) = ANY($1::text[])
           OR (regexp_replace(${column}, '\\D', '', 'g') <> '' AND regexp_replace(${column}, '\\D', '', 'g') = ANY($1::text[])))
  AND NOT EXISTS (SELECT 1 FROM identity_flags f WHERE f.kind = 'junk' AND f.type = '${type}' AND f.source = '' AND f.value = ${column})`;

/**
 * The identity rules of the tracking resolver (lib/identity/resolve-profile.ts), set-based, for a
 * staged table of imported people (`row_number, ext, email, phone, customer_id`, plus the boolean
 * columns `email_ok` and `phone_ok` this fills). Inside the caller's transaction:
 * - a row is matched on its external id from `source`, else its email, else its phone, so an imported
 *   email that a tracked profile already uses lands on that profile instead of making a duplicate;
 * - blocklisted identifiers (identity settings, compared as blocklistForms does) and identifiers
 *   flagged junk are neither matched on nor meant to be attached (`email_ok` / `phone_ok` false);
 * - a row with an external id is never matched, by email or phone, to a profile that already has a
 *   different external id from the same source: it gets a profile of its own, and the identifier is
 *   flagged "conflict" with the profile it would have joined, as the tracking resolver does.
 * Rows left with `customer_id` NULL are new people. Returns how many conflicts were flagged.
 */
export async function resolveStagedPeople(opts: { client: pg.ClientBase; table: string; source: string }): Promise<number> {
  const { client, table, source } = opts;
  const settings = await getIdentitySettings();
  const blocklist = settings.blocklist.map((v) => v.toLowerCase());
  await client.query(`UPDATE ${table} SET email_ok = ${usable("email", "email")}, phone_ok = ${usable("phone", "phone")}`, [blocklist]);
  await client.query(
    `UPDATE ${table} p SET customer_id = i.customer_id FROM identities i
     WHERE p.ext IS NOT NULL AND i.type = 'external_id' AND i.source = $1 AND i.value = p.ext`,
    [source],
  );
  // Fresh statistics: with a guess of a few rows left to match, the planner picks nested loops.
  await client.query(`ANALYZE ${table}`);
  let conflicts = 0;
  for (const type of ["email", "phone"] as const) {
    // The profile that already uses the row's email (phone), and whether it has another external id from this source.
    const candidates = `
      SELECT p.row_number, p.${type} AS value, i.customer_id,
             p.ext IS NOT NULL AND EXISTS (
               SELECT 1 FROM identities x
               WHERE x.customer_id = i.customer_id AND x.type = 'external_id' AND x.source = $1 AND x.value <> p.ext
             ) AS clash
      FROM ${table} p JOIN identities i ON i.type = '${type}' AND i.source = '' AND i.value = p.${type}
      WHERE p.customer_id IS NULL AND p.${type}_ok`;
    const flagged = await client.query(
      `INSERT INTO identity_flags (kind, type, source, value, customer_ids, detail)
       SELECT 'conflict', '${type}', '', c.value, ARRAY[c.customer_id], 'An import (' || $1 || ') brought another external id for this ${type}; its row got a profile of its own.'
       FROM (SELECT DISTINCT ON (value) * FROM (${candidates}) c0 WHERE clash ORDER BY value, row_number) c
       ON CONFLICT (kind, type, source, value) DO UPDATE SET
         count = identity_flags.count + 1,
         customer_ids = (SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(identity_flags.customer_ids || EXCLUDED.customer_ids) AS x),
         detail = EXCLUDED.detail, updated_at = now()`,
      [source],
    );
    conflicts += flagged.rowCount ?? 0;
    await client.query(
      `UPDATE ${table} p SET customer_id = c.customer_id FROM (${candidates}) c
       WHERE c.row_number = p.row_number AND NOT c.clash`,
      [source],
    );
  }
  return conflicts;
}
