import { openFileSource } from "../../csv/open-file-source";
import { importCustomerRows } from "../../staging/customers/import-customer-rows";
import { readDefaultRegion } from "../../read-default-region";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { readShopifyCustomers } from "./read-shopify-customers";

/** `shopify-customers`: the admin customer export; customers matched on Shopify's id, then email. */
export async function importShopifyCustomers(opts: ImporterOptions): Promise<ImporterResult> {
  const source = await openFileSource(opts.filePath, opts.fileName);
  const defaultRegion = await readDefaultRegion();
  return importCustomerRows({
    ...opts,
    source: "shopify",
    rows: readShopifyCustomers({ source, options: opts.options, defaultRegion, signal: opts.signal }),
    readFraction: source.fraction,
  });
}
