import { sharedCsvHeader } from "./shared-data";

/** The columns of Shopify's admin order export (79), in order: for tests and benches that write such files. */
export const SHOPIFY_ORDER_COLUMNS = sharedCsvHeader("formats/shopify-orders-export-header.csv").split(",");

/** The columns of Shopify's admin customer export (20), in order. */
export const SHOPIFY_CUSTOMER_COLUMNS = sharedCsvHeader("formats/shopify-customers-export-header.csv").split(",");
