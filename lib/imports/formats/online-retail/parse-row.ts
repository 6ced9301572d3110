/** One line of the Online Retail file, checked and normalised (exact decimals stay strings). */
export interface OnlineRetailRow {
  invoiceNo: string;
  stockCode: string;
  description: string;
  quantity: number;
  /** Local wall-clock time, `YYYY-MM-DD HH:MM:SS[.fff]`: the zone is applied in SQL. */
  invoiceDate: string;
  /** Exact decimal with 3 decimals ("2.550"), never a float. */
  unitPrice: string;
  /** The same price in thousandths (an exact integer). */
  unitPriceMillis: number;
  /** "17850.0" → "17850"; null when the row has no customer. */
  customerId: string | null;
  country: string | null;
}

export interface RowProblem {
  field: string;
  reason: string;
}

export type ParseRowResult = { ok: true; row: OnlineRetailRow } | { ok: false; problems: RowProblem[] };

export const ONLINE_RETAIL_COLUMNS = [
  "InvoiceNo",
  "StockCode",
  "Description",
  "Quantity",
  "InvoiceDate",
  "UnitPrice",
  "CustomerID",
  "Country",
] as const;

export type OnlineRetailRecord = Partial<Record<string, string>>;

const INT32_MAX = 2_147_483_647;
/** numeric(14,3) holds |x| < 10^11 (line totals). */
const LINE_TOTAL_LIMIT_MILLIS = 1e14;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;
const QUANTITY_RE = /^[+-]?\d{1,10}(?:\.0+)?$/;

// Lines of one invoice share their timestamp: the last date read is remembered.
let lastRawDate = "";
let lastDate: string | null = null;

function parseDate(value: string): string | null {
  if (value === lastRawDate) return lastDate;
  lastRawDate = value;
  lastDate = readDate(value);
  return lastDate;
}

function readDate(value: string): string | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [, y = "", mo = "", d = "", h = "", mi = "", s = "00", frac] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${y}-${mo}-${d} ${h}:${mi}:${s}${frac ? `.${frac}` : ""}`;
}

function parseQuantity(value: string): number | null {
  if (!QUANTITY_RE.test(value)) return null;
  const n = Number(value);
  return Math.abs(n) <= INT32_MAX ? n : null;
}

/**
 * Exact price in thousandths, or null when it is not a decimal with at most 9 digits before the point
 * and 3 after ([+-]?\d{0,9}(\.\d*)?): read by hand, it is the hot path of big imports.
 */
function parsePriceMillis(value: string): number | null {
  const n = value.length;
  let i = 0;
  let negative = false;
  if (n > 0 && (value.charCodeAt(0) === 43 || value.charCodeAt(0) === 45)) {
    negative = value.charCodeAt(0) === 45;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    if (++digits > 9) return null;
    whole = whole * 10 + c;
  }
  let frac = 0;
  let fracDigits = 0;
  if (i < n) {
    if (value.charCodeAt(i) !== 46) return null;
    for (i++; i < n; i++) {
      const c = value.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || ++fracDigits > 3) return null;
      frac = frac * 10 + c;
    }
  }
  if (digits === 0 && fracDigits === 0) return null;
  const millis = whole * 1000 + frac * (fracDigits === 0 ? 0 : fracDigits === 1 ? 100 : fracDigits === 2 ? 10 : 1);
  return negative ? -millis : millis;
}

/** Thousandths as an exact decimal string with 3 decimals ("2.550"). */
export function formatMillis(millis: number | bigint): string {
  const negative = millis < 0;
  const abs = negative ? -millis : millis;
  const whole = typeof abs === "bigint" ? abs / 1000n : Math.floor(abs / 1000);
  const frac = String(typeof abs === "bigint" ? abs % 1000n : abs % 1000).padStart(3, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

// Lines of one invoice share their customer: the last one read is remembered too.
let lastRawCustomer = "";
let lastCustomer: string | null = null;

function normaliseCustomerId(value: string): string | null {
  if (value === lastRawCustomer) return lastCustomer;
  lastRawCustomer = value;
  const floatInt = /^(\d+)\.0*$/.exec(value);
  lastCustomer = value === "" ? null : floatInt ? floatInt[1]! : value;
  return lastCustomer;
}

/** Checks one CSV record. A row is rejected only when a value cannot be read. */
export function parseRow(record: OnlineRetailRecord): ParseRowResult {
  const get = (field: string) => record[field] ?? "";
  return parseFields(
    get("InvoiceNo"),
    get("StockCode"),
    get("Description"),
    get("Quantity"),
    get("InvoiceDate"),
    get("UnitPrice"),
    get("CustomerID"),
    get("Country"),
  );
}

/** parseRow on the eight values in the file's column order (the import's hot path: no record object). */
export function parseFields(
  rawInvoiceNo: string,
  stockCode: string,
  description: string,
  rawQuantity: string,
  rawDate: string,
  rawPrice: string,
  customerId: string,
  country: string,
): ParseRowResult {
  const invoiceNo = rawInvoiceNo.trim();
  rawDate = rawDate.trim();
  rawQuantity = rawQuantity.trim();
  rawPrice = rawPrice.trim();
  const invoiceDate = parseDate(rawDate);
  const quantity = parseQuantity(rawQuantity);
  const priceMillis = parsePriceMillis(rawPrice);
  if (
    invoiceNo !== "" &&
    invoiceDate !== null &&
    quantity !== null &&
    priceMillis !== null &&
    Math.abs(quantity * priceMillis) < LINE_TOTAL_LIMIT_MILLIS
  ) {
    return {
      ok: true,
      row: {
        invoiceNo,
        stockCode: stockCode.trim(),
        description: description.trim(),
        quantity,
        invoiceDate,
        unitPrice: formatMillis(priceMillis),
        unitPriceMillis: priceMillis,
        customerId: normaliseCustomerId(customerId.trim()),
        country: country.trim() || null,
      },
    };
  }
  const problems: RowProblem[] = [];
  if (invoiceNo === "") problems.push({ field: "InvoiceNo", reason: "missing invoice number" });
  if (invoiceDate === null) {
    problems.push({ field: "InvoiceDate", reason: `unreadable date "${rawDate}" (expected YYYY-MM-DD HH:MM:SS)` });
  }
  if (quantity === null) problems.push({ field: "Quantity", reason: `not a whole number: "${rawQuantity}"` });
  if (priceMillis === null) {
    problems.push({ field: "UnitPrice", reason: `not a decimal number with at most 3 decimals: "${rawPrice}"` });
  } else if (quantity !== null && Math.abs(quantity * priceMillis) >= LINE_TOTAL_LIMIT_MILLIS) {
    problems.push({ field: "UnitPrice", reason: "quantity × price is too large for a line total" });
  }
  return { ok: false, problems };
}
