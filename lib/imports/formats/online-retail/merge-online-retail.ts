import type pg from "pg";
import { mergeCustomers } from "./merge-customers";
import { insertNewOrderLines, mergeKnownOrderLines } from "./merge-order-lines";
import { mergeOrders } from "./merge-orders";
import { mergeProducts } from "./merge-products";
import { outnumbers, rebuildIndexesAround } from "../../../bulk/rebuild-indexes-around";
import type { StagingTables } from "./staging-table";

export interface MergeResult {
  linesInserted: number;
  customersCreated: number;
  customersUpdated: number;
  productsCreated: number;
  productsRenamed: number;
  ordersCreated: number;
  /** Every customer the file's rows belong to (created or known): for feature updates after commit. */
  touchedCustomerIds: number[];
}

/** Serialises Online Retail merges (two at once would race on new customers). */
const LOCK_KEY = "tailor:import:online-retail";

/**
 * Whether this connection may skip per-row foreign key checks (`session_replication_role`: a
 * superuser, or a role granted SET on it). Checked outside the transaction: an error here is harmless.
 */
export async function canSkipRowChecks(client: pg.ClientBase): Promise<boolean> {
  try {
    const result = await client.query<{ allowed: boolean }>(
      "SELECT current_setting('is_superuser') = 'on' OR has_parameter_privilege('session_replication_role', 'SET') AS allowed",
    );
    return result.rows[0]?.allowed === true;
  } catch {
    return false;
  }
}

/**
 * Merges the staging tables into customers, products, orders and order lines with set-based SQL,
 * in one transaction: a run that dies or is aborted leaves nothing behind, and every step skips what is
 * already stored, so running the same file again changes nothing.
 *
 * Foreign keys: a million lines mean two million per-row checks, two thirds of the merge's time. When
 * allowed (`skipRowChecks`), the rows this run references are instead locked once each, set-based,
 * exactly as the checks would lock them (FOR KEY SHARE: known customers and products), and the
 * inserts run with `session_replication_role = replica`, which skips the per-row checks: every id
 * they write comes from a join with those locked rows or rows this transaction created. Lines of
 * orders stored before this run go through the ordinary checks. An import larger than the stored
 * order lines rebuilds their secondary indexes rather than updating them line by line
 * (rebuildIndexesAround). See docs/decisions/031.
 */
export async function mergeOnlineRetail(opts: {
  client: pg.ClientBase;
  tables: StagingTables;
  /** Valid lines staged: when they outnumber the stored order lines, order_lines' indexes are rebuilt instead of updated. */
  stagedLines: number;
  skipRowChecks: boolean;
  signal?: AbortSignal;
  onStep?: (step: "customers" | "products" | "orders" | "order lines" | "committing") => void;
}): Promise<MergeResult> {
  const { client, tables, signal } = opts;
  const step = (name: Parameters<NonNullable<typeof opts.onStep>>[0]) => {
    signal?.throwIfAborted();
    opts.onStep?.(name);
  };
  const ctx = { client, tables };
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK_KEY]);
    await client.query("SET LOCAL work_mem = '64MB'");
    if (opts.skipRowChecks) await client.query("SET LOCAL session_replication_role = replica");
    step("customers");
    const customers = await mergeCustomers(ctx);
    step("products");
    const products = await mergeProducts(ctx);
    step("orders");
    const orders = await mergeOrders(ctx);
    step("order lines");
    let newLines = 0;
    const insertLines = async () => {
      newLines = await insertNewOrderLines(ctx);
    };
    if (await outnumbers(client, "order_lines", opts.stagedLines))
      await rebuildIndexesAround({ client, table: "order_lines", insert: insertLines });
    else await insertLines();
    if (opts.skipRowChecks) await client.query("SET LOCAL session_replication_role = origin");
    const knownLines = await mergeKnownOrderLines(ctx);
    const touched = await client.query<{ customer_id: number }>("SELECT customer_id FROM import_customers");
    step("committing");
    await client.query("COMMIT");
    return {
      linesInserted: newLines + knownLines,
      customersCreated: customers.created,
      customersUpdated: customers.updated,
      productsCreated: products.created,
      productsRenamed: products.renamed,
      ordersCreated: orders.created,
      touchedCustomerIds: touched.rows.map((r) => r.customer_id),
    };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
