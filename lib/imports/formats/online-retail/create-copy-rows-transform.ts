import { StringDecoder } from "node:string_decoder";
import { Transform } from "node:stream";
import { AppError } from "../../../errors";
import { CsvRecordSplitter, usesLoneCr } from "../../csv/split-csv-records";
import type { RejectedField, RejectionRecorder } from "../../create-rejection-recorder";
import { ONLINE_RETAIL_COLUMNS, parseFields } from "./parse-row";
import { normalizeCountry } from "../../../customers/countries";

export interface StageCounts {
  rowsRead: number;
  /** Valid rows with a customer, sent to the staging table. */
  staged: number;
  withoutCustomer: number;
  rejected: number;
}

/** Per CustomerID: first row, country of its latest line (by time, then file order), first and last line times. */
export interface CustomerAggregate {
  firstRow: number;
  country: string | null;
  firstSeen: string;
  lastSeen: string;
}

/** Per invoice: its first line's row, customer and country, its earliest line time, its lines so far, Σ quantity × price. */
export interface InvoiceAggregate {
  firstRow: number;
  customerExt: string;
  country: string | null;
  placedAt: string;
  lines: number;
  /** Thousandths: an exact integer while it is a safe one, then a bigint. */
  totalMillis: number | bigint;
}

export interface OnlineRetailAggregates {
  customers: Map<string, CustomerAggregate>;
  invoices: Map<string, InvoiceAggregate>;
  /** StockCode → its last non-empty description in the file ("" when it has none). */
  products: Map<string, string>;
}

type Done = (error?: Error | null, data?: string) => void;

const FLUSH_BYTES = 256 * 1024;
const SPECIAL = /[\\\t\n\r]/;

/** One text value in COPY's text format. */
function esc(value: string): string {
  return SPECIAL.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : value;
}

function columnIndexes(header: string[]): number[] {
  const index = new Map(header.map((name, i) => [name.trim(), i] as const));
  const missing = ONLINE_RETAIL_COLUMNS.filter((c) => !index.has(c));
  if (missing.length === ONLINE_RETAIL_COLUMNS.length) {
    throw new AppError(
      "unprocessable",
      `This is not an Online Retail file: its first line should be the header ${ONLINE_RETAIL_COLUMNS.join(",")}.`,
    );
  }
  if (missing.length > 0) {
    throw new AppError(
      "unprocessable",
      `This is not an Online Retail file: column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} missing.`,
    );
  }
  return ONLINE_RETAIL_COLUMNS.map((c) => index.get(c)!);
}

/**
 * A copy of a string that may be a slice of a 256 KB chunk of the file (V8 slices strings of 13
 * characters or more): kept in an aggregate, the slice would keep the whole chunk in memory.
 */
function own(value: string): string {
  return value.length < 13 ? value : (" " + value).slice(1);
}

function addMillis(total: number | bigint, millis: number): number | bigint {
  if (typeof total === "bigint") return total + BigInt(millis);
  const sum = total + millis;
  return Number.isSafeInteger(sum) ? sum : BigInt(total) + BigInt(millis);
}

/**
 * File bytes in (UTF-8), COPY text of the staged lines out, in one pass: splits records, validates
 * each row, hands unreadable ones to the recorder (1-based data row number), counts rows without a
 * customer, numbers each line within its invoice, and aggregates customers, invoices and products so
 * that the merge does not have to group a million lines again.
 */
export function createCopyRowsTransform(opts: { recorder: RejectionRecorder; onRow?: (rowsRead: number) => void }) {
  const counts: StageCounts = { rowsRead: 0, staged: 0, withoutCustomer: 0, rejected: 0 };
  const aggregates: OnlineRetailAggregates = { customers: new Map(), invoices: new Map(), products: new Map() };
  const decoder = new StringDecoder("utf8");
  const splitter = new CsvRecordSplitter();
  let columns: number[] | undefined;
  let width = 0;
  let buffered = "";
  let pending: Promise<void>[] = [];
  /** Countries are few: each spelling read once, stored as its code ("United Kingdom" → "GB", "EIRE" → "IE"). */
  const countries = new Map<string, string | null>();
  const country = (value: string | null) => {
    if (value === null) return null;
    let stored = countries.get(value);
    if (stored === undefined) {
      const owned = own(value);
      countries.set(owned, (stored = normalizeCountry(owned)));
    }
    return stored;
  };

  function onRecord(fields: string[], raw: string): void {
    if (!columns) {
      columns = columnIndexes(fields);
      width = fields.length;
      return;
    }
    const rowNumber = ++counts.rowsRead;
    opts.onRow?.(rowNumber);
    const c = columns;
    const parsed = parseFields(
      fields[c[0]!] ?? "",
      fields[c[1]!] ?? "",
      fields[c[2]!] ?? "",
      fields[c[3]!] ?? "",
      fields[c[4]!] ?? "",
      fields[c[5]!] ?? "",
      fields[c[6]!] ?? "",
      fields[c[7]!] ?? "",
    );
    if (!parsed.ok || fields.length !== width) {
      counts.rejected++;
      const problems: RejectedField[] =
        fields.length === width ? [] : [{ field: "row", reason: `expected ${width} fields, found ${fields.length}` }];
      pending.push(opts.recorder.add(rowNumber, [...problems, ...(parsed.ok ? [] : parsed.problems)], raw));
      return;
    }
    const r = parsed.row;
    const ext = r.customerId;
    if (ext === null) {
      counts.withoutCustomer++;
      return;
    }
    counts.staged++;
    const date = r.invoiceDate;

    const customer = aggregates.customers.get(ext);
    if (!customer) {
      aggregates.customers.set(own(ext), { firstRow: rowNumber, country: country(r.country), firstSeen: date, lastSeen: date });
    } else {
      if (date < customer.firstSeen) customer.firstSeen = date;
      if (date >= customer.lastSeen) {
        customer.lastSeen = date;
        customer.country = country(r.country);
      }
    }
    const lineMillis = r.quantity * r.unitPriceMillis;
    let invoice = aggregates.invoices.get(r.invoiceNo);
    if (!invoice) {
      invoice = { firstRow: rowNumber, customerExt: own(ext), country: country(r.country), placedAt: date, lines: 0, totalMillis: 0 };
      aggregates.invoices.set(own(r.invoiceNo), invoice);
    } else if (date < invoice.placedAt) {
      invoice.placedAt = date;
    }
    invoice.lines++;
    invoice.totalMillis = addMillis(invoice.totalMillis, lineMillis);
    const sku = r.stockCode;
    if (sku !== "") {
      const name = aggregates.products.get(sku);
      if (name === undefined || (r.description !== "" && r.description !== name)) aggregates.products.set(own(sku), own(r.description));
    }

    buffered += `${rowNumber}\t${esc(r.invoiceNo)}\t${esc(r.stockCode)}\t${esc(r.description)}\t${r.quantity}\t${date}\t${r.unitPrice}\t${invoice.lines}\n`;
  }

  function emit(done: Done): void {
    const waiting = pending;
    pending = [];
    const out = buffered.length >= FLUSH_BYTES ? buffered : undefined;
    if (out) buffered = "";
    if (waiting.length === 0) return done(null, out);
    Promise.all(waiting).then(
      () => done(null, out),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e))),
    );
  }

  let first = true;
  const transform = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done: Done) {
      try {
        const text = decoder.write(chunk);
        if (first && text.length > 0) {
          first = false;
          if (usesLoneCr(text)) {
            throw new AppError(
              "unprocessable",
              "The file's lines end with a lone CR (an old Mac format): save it with Windows or Unix line endings and import it again.",
            );
          }
        }
        splitter.push(text, onRecord);
        emit(done);
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      }
    },
    flush(done: Done) {
      try {
        splitter.push(decoder.end(), onRecord);
        splitter.end(onRecord);
        if (!columns) throw new AppError("unprocessable", "The file is empty: expected a header line and rows.");
        const out = buffered;
        buffered = "";
        Promise.all(pending).then(
          () => done(null, out || undefined),
          (e: unknown) => done(e instanceof Error ? e : new Error(String(e))),
        );
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      }
    },
  });
  return { transform, counts, aggregates };
}
