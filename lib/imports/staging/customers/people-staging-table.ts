import type pg from "pg";

export const PEOPLE_COLUMNS = [
  "row_number",
  "email",
  "ext",
  "first_name",
  "last_name",
  "phone",
  "country",
  "city",
  "attributes",
  "seen_at",
  "consent_status",
  "consent_at",
  "consent_proof",
] as const;

/** A temporary table of people to merge (see mergeCustomerRows); gone with the connection if the run dies. */
export async function createPeopleStagingTable(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`
    CREATE TEMPORARY TABLE ${table} (
      row_number integer NOT NULL, email text, ext text, first_name text, last_name text, phone text,
      country text, city text, attributes jsonb NOT NULL DEFAULT '{}', seen_at text,
      consent_status text, consent_at text, consent_proof jsonb
    )`);
}

export const stagingName = (prefix: string, importJobId: string) => `"staging_${prefix}_${importJobId.replace(/[^a-zA-Z0-9_]/g, "_")}"`;
