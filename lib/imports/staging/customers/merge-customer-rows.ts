import type pg from "pg";
import { resolveStagedPeople } from "../../../identity/resolve-staged-people";

export interface CustomerMergeResult {
  created: number;
  updated: number;
  unchanged: number;
  consentRecorded: number;
}

/** The SQL for a staged timestamp as text: with a zone as given, without one in the installation's zone ($1). */
export const stagedTime = (column: string) =>
  `(CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} ~ '[+-]\\d\\d:\\d\\d$' THEN ${column}::timestamptz ELSE ${column}::timestamp AT TIME ZONE $1 END)`;

/** The key a staged row is known by in `import_people_keys`: its external id, else its email. */
export const personKey = (alias: string) => `COALESCE('x:' || ${alias}.ext, 'e:' || ${alias}.email)`;

/**
 * Merges staged people into customers, identities and consent records with set-based SQL, inside
 * the caller's transaction. Matching follows the identity rules (resolveStagedPeople): the file's
 * external id, then the email, then the phone a profile — tracked or imported — already uses;
 * blocklisted or junk identifiers are neither matched on nor attached; a profile with another
 * external id from the same source is never joined. Known customers keep what the file leaves
 * empty; a consent record is appended only when it differs from the latest one, so re-imports add
 * nothing. Leaves, until commit, `import_people (customer_id, is_new, …)` and
 * `import_people_keys (key, customer_id)`: the customer of every staged key (see personKey),
 * including rows folded into another row of the file.
 */
export async function mergeCustomerRows(opts: {
  client: pg.ClientBase;
  table: string;
  source: string;
  timeZone: string;
}): Promise<CustomerMergeResult> {
  const { client, table, source, timeZone } = opts;
  await client.query(`
    CREATE TEMPORARY TABLE import_people ON COMMIT DROP AS
    SELECT DISTINCT ON (${personKey("s")}) s.*, ${personKey("s")} AS key, NULL::integer AS customer_id,
           false AS is_new, false AS changed, false AS email_ok, false AS phone_ok
    FROM ${table} s
    ORDER BY ${personKey("s")}, row_number DESC`);
  await client.query("CREATE TEMPORARY TABLE import_people_keys (key text PRIMARY KEY, customer_id integer, email text) ON COMMIT DROP");
  await resolveStagedPeople({ client, table: "import_people", source });
  // The planner must know what is left: a guess of a few rows makes the joins below nested loops.
  await client.query("ANALYZE import_people");
  // Two rows of one file for one person (an id on one, the email on the other): keep the latest.
  await client.query(`
    WITH folded AS (
      DELETE FROM import_people p
      USING (SELECT row_number, max(row_number) OVER (PARTITION BY customer_id) AS latest FROM import_people WHERE customer_id IS NOT NULL) d
      WHERE p.row_number = d.row_number AND d.row_number < d.latest
      RETURNING p.key, p.customer_id
    )
    INSERT INTO import_people_keys (key, customer_id) SELECT key, customer_id FROM folded`);
  // Two new rows with the same (usable) email, different ids: one customer.
  await client.query(`
    WITH folded AS (
      DELETE FROM import_people p
      USING (SELECT row_number, max(row_number) OVER (PARTITION BY email) AS latest FROM import_people WHERE customer_id IS NULL AND email_ok) d
      WHERE p.row_number = d.row_number AND d.row_number < d.latest
      RETURNING p.key, p.email
    )
    INSERT INTO import_people_keys (key, email) SELECT key, email FROM folded`);
  await client.query(`
    UPDATE import_people p SET customer_id = n.id, is_new = true
    FROM (SELECT row_number, nextval(pg_get_serial_sequence('customers', 'id'))::integer AS id
          FROM (SELECT row_number FROM import_people WHERE customer_id IS NULL ORDER BY row_number) o) n
    WHERE p.row_number = n.row_number`);
  await client.query(`
    UPDATE import_people_keys k SET customer_id = p.customer_id FROM import_people p
    WHERE k.customer_id IS NULL AND p.is_new AND p.email_ok AND p.email = k.email`);
  await client.query("INSERT INTO import_people_keys (key, customer_id) SELECT key, customer_id FROM import_people");
  const created = await client.query(
    `INSERT INTO customers (id, email, first_name, last_name, phone, country, city, attributes, first_seen_at, last_seen_at)
     SELECT customer_id, email, first_name, last_name, phone, country, city, attributes,
            COALESCE(${stagedTime("seen_at")}, now()), COALESCE(${stagedTime("seen_at")}, now())
     FROM import_people WHERE is_new ORDER BY customer_id`,
    [timeZone],
  );
  await client.query(
    `INSERT INTO identities (customer_id, type, source, value)
     SELECT customer_id, 'email'::"IdentityType", '', email FROM import_people WHERE email_ok
     UNION ALL
     SELECT customer_id, 'external_id'::"IdentityType", $1, ext FROM import_people WHERE ext IS NOT NULL
     UNION ALL
     SELECT customer_id, 'phone'::"IdentityType", '', phone FROM import_people WHERE phone_ok
     ON CONFLICT (type, source, value) DO NOTHING`,
    [source],
  );
  const updated = await client.query<{ id: number }>(
    `UPDATE customers c SET
       email = COALESCE(c.email, p.email),
       first_name = COALESCE(p.first_name, c.first_name),
       last_name = COALESCE(p.last_name, c.last_name),
       phone = COALESCE(p.phone, c.phone),
       country = COALESCE(p.country, c.country),
       city = COALESCE(p.city, c.city),
       attributes = c.attributes || p.attributes,
       first_seen_at = LEAST(c.first_seen_at, ${stagedTime("p.seen_at")}),
       updated_at = now()
     FROM import_people p
     WHERE p.customer_id = c.id AND NOT p.is_new
       AND (COALESCE(c.email, p.email), COALESCE(p.first_name, c.first_name), COALESCE(p.last_name, c.last_name),
            COALESCE(p.phone, c.phone), COALESCE(p.country, c.country), COALESCE(p.city, c.city), c.attributes || p.attributes,
            LEAST(c.first_seen_at, ${stagedTime("p.seen_at")}))
           IS DISTINCT FROM (c.email, c.first_name, c.last_name, c.phone, c.country, c.city, c.attributes, c.first_seen_at)
     RETURNING c.id`,
    [timeZone],
  );
  await client.query("UPDATE import_people SET changed = true WHERE customer_id = ANY($1::integer[])", [updated.rows.map((r) => r.id)]);
  const consent = await client.query<{ customer_id: number }>(
    `INSERT INTO consent_records (customer_id, purpose, status, source, occurred_at, proof)
     SELECT p.customer_id, 'email_marketing', p.consent_status::"ConsentStatus", 'import',
            COALESCE(${stagedTime("p.consent_at")}, now()), p.consent_proof
     FROM import_people p
     LEFT JOIN LATERAL (
       SELECT status::text FROM consent_records r
       WHERE r.customer_id = p.customer_id AND r.purpose = 'email_marketing'
       ORDER BY r.occurred_at DESC, r.id DESC LIMIT 1
     ) latest ON true
     WHERE p.consent_status IS NOT NULL AND latest.status IS DISTINCT FROM p.consent_status
       AND NOT EXISTS (
         SELECT 1 FROM consent_records r
         WHERE r.customer_id = p.customer_id AND r.purpose = 'email_marketing' AND r.source = 'import'
           AND r.status::text = p.consent_status AND r.occurred_at = ${stagedTime("p.consent_at")}
       )
     RETURNING customer_id`,
    [timeZone],
  );
  await client.query("UPDATE import_people SET changed = true WHERE NOT is_new AND customer_id = ANY($1::integer[])", [
    consent.rows.map((r) => r.customer_id),
  ]);
  const totals = await client.query<{ updated: number; unchanged: number }>(
    `SELECT count(*) FILTER (WHERE changed)::integer AS updated, count(*) FILTER (WHERE NOT changed)::integer AS unchanged
     FROM import_people WHERE NOT is_new`,
  );
  return {
    created: created.rowCount ?? 0,
    updated: totals.rows[0]?.updated ?? 0,
    unchanged: totals.rows[0]?.unchanged ?? 0,
    consentRecorded: consent.rowCount ?? 0,
  };
}
