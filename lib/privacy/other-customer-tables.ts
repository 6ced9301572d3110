import { db } from "../db";

/** Tables Tailor's privacy code handles by name; any other table with a customer_id column is found at run time. */
const knownTables = new Set(["customers", "identities", "orders", "order_lines", "events", "consent_records"]);

/**
 * Tables added by other features (segment memberships, features, scores, …) that hold a
 * `customer_id`, so export and erasure cover them without knowing them by name.
 */
export async function listOtherCustomerTables(): Promise<string[]> {
  const rows = await db.$queryRaw<{ table: string }[]>`
    SELECT c.table_name AS "table" FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.column_name = 'customer_id' ORDER BY 1`;
  return rows.map((r) => r.table).filter((t) => !knownTables.has(t) && /^[a-z_][a-z0-9_]*$/.test(t));
}
