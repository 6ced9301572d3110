import { openFileSource } from "../../csv/open-file-source";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { importOrderLineRows } from "../../staging/orders/import-order-line-rows";
import { readShopifyOrders } from "./read-shopify-orders";

/**
 * `shopify-orders`: the admin order export; buyers matched on email (created when new). Voided
 * orders are cancelled, pending and authorized ones wait for an export that shows them paid; the
 * report counts orders per Financial Status.
 */
export async function importShopifyOrders(opts: ImporterOptions): Promise<ImporterResult> {
  const source = await openFileSource(opts.filePath, opts.fileName);
  const statuses = new Map<string, number>();
  const result = await importOrderLineRows({
    ...opts,
    source: "shopify",
    rows: readShopifyOrders({ source, options: opts.options, signal: opts.signal, statuses }),
    readFraction: source.fraction,
  });
  // Orders read per Financial Status, e.g. financialStatusPartiallyRefunded: 4.
  for (const [status, n] of statuses)
    result.details[`financialStatus${status.replace(/(^|_)(\w)/g, (_, _s: string, c: string) => c.toUpperCase())}`] = n;
  return result;
}
