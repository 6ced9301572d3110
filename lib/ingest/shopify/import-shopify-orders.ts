import { openFileSource } from "../csv/open-file-source";
import type { ImporterOptions, ImporterResult } from "../importer";
import { importOrderLineRows } from "../orders/import-order-line-rows";
import { readShopifyOrders } from "./read-shopify-orders";

/** `shopify-orders`: the admin order export; buyers matched on email (created when new). */
export async function importShopifyOrders(opts: ImporterOptions): Promise<ImporterResult> {
  const source = await openFileSource(opts.filePath, opts.fileName);
  return importOrderLineRows({
    ...opts,
    source: "shopify",
    rows: readShopifyOrders({ source, options: opts.options, signal: opts.signal }),
    readFraction: source.fraction,
  });
}
