import type pg from "pg";
import { mergeCustomers } from "./merge-customers";
import { mergeOrderLines } from "./merge-order-lines";
import { mergeOrders } from "./merge-orders";
import { mergeProducts } from "./merge-products";
import { readTimeZone } from "./read-time-zone";

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
 * Merges the staging table into customers, products, orders and order lines with set-based SQL,
 * in one transaction: a run that dies or is aborted leaves nothing behind, and every step skips what is
 * already stored, so running the same file again changes nothing.
 */
export async function mergeOnlineRetail(opts: {
  client: pg.ClientBase;
  table: string;
  signal?: AbortSignal;
  onStep?: (step: "customers" | "products" | "orders" | "order lines" | "committing") => void;
}): Promise<MergeResult> {
  const { client, table, signal } = opts;
  const step = (name: Parameters<NonNullable<typeof opts.onStep>>[0]) => {
    signal?.throwIfAborted();
    opts.onStep?.(name);
  };
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK_KEY]);
    // Sorts of a few hundred thousand staged rows stay in memory instead of spilling to disk.
    await client.query("SET LOCAL work_mem = '64MB'");
    const ctx = { client, table, timeZone: await readTimeZone(client) };
    step("customers");
    const customers = await mergeCustomers(ctx);
    step("products");
    const products = await mergeProducts(ctx);
    step("orders");
    const orders = await mergeOrders(ctx);
    step("order lines");
    const lines = await mergeOrderLines(ctx);
    const touched = await client.query<{ customer_id: number }>("SELECT customer_id FROM import_customers");
    step("committing");
    await client.query("COMMIT");
    return {
      linesInserted: lines.inserted,
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
