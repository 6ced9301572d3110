import { AppError } from "../../../errors";
import { openFileSource } from "../../csv/open-file-source";
import { readCsvRecords } from "../../csv/read-csv-records";
import { importCustomerRows } from "../../staging/customers/import-customer-rows";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { importEventRows } from "../../staging/events/import-event-rows";
import { readMappedEvents } from "../../staging/events/read-mapped-events";
import { importOrderLineRows } from "../../staging/orders/import-order-line-rows";
import { readDefaultRegion } from "../../read-default-region";
import { resolveDateOrder } from "./detect-date-orders";
import { readMappedCustomers } from "./read-mapped-customers";
import { readMappedOrders } from "./read-mapped-orders";

const DATE_FIELDS = new Set(["placed_at", "signed_up_at", "consent_date", "occurred_at"]);

/** `csv`: any CSV of customers, orders or events, read through the column mapping stored with the import. */
export async function importMappedCsv(opts: ImporterOptions): Promise<ImporterResult> {
  const mapping = opts.options.mapping;
  if (!mapping)
    throw new AppError(
      "unprocessable",
      "A CSV import needs a column mapping: say which column holds the email, the name, … (--mapping file.json on the command line).",
    );
  const source = await openFileSource(opts.filePath, opts.fileName);
  let header: string[] = [];
  for await (const rec of readCsvRecords({
    open: source.open,
    encoding: opts.options.encoding,
    fileName: source.name,
    onHeader: (h) => (header = h),
  })) {
    void rec;
    break;
  }
  if (header.length === 0) {
    // Header only: read it again to get it (the loop above ends before the first row).
    await readCsvRecords({ open: source.open, encoding: opts.options.encoding, onHeader: (h) => (header = h) }).next();
  }
  const missing = Object.entries(mapping.columns)
    .filter(([c, f]) => f !== "" && !header.includes(c))
    .map(([c]) => `"${c}"`);
  if (missing.length > 0)
    throw new AppError(
      "unprocessable",
      `The mapping names column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} that the file does not have: check the mapping against the file's first line.`,
    );
  const dateColumns = Object.entries(mapping.columns)
    .filter(([, f]) => DATE_FIELDS.has(f))
    .map(([c]) => c);
  const dateOrder = await resolveDateOrder({ source, columns: dateColumns, options: opts.options });
  if (mapping.target === "customers") {
    const defaultRegion = await readDefaultRegion();
    return importCustomerRows({
      ...opts,
      source: mapping.source,
      rows: readMappedCustomers({ source, mapping, options: opts.options, dateOrder, defaultRegion, signal: opts.signal }),
      readFraction: source.fraction,
    });
  }
  if (mapping.target === "events") {
    return importEventRows({
      ...opts,
      source: mapping.source,
      rows: readMappedEvents({ source, mapping, options: opts.options, dateOrder, signal: opts.signal }),
      readFraction: source.fraction,
    });
  }
  return importOrderLineRows({
    ...opts,
    source: mapping.source,
    rows: readMappedOrders({ source, mapping, options: opts.options, dateOrder, signal: opts.signal }),
    readFraction: source.fraction,
  });
}
