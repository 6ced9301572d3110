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
const LINE_TOTAL_LIMIT_MILLIS = 10n ** 14n;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;
const QUANTITY_RE = /^[+-]?\d{1,10}(?:\.0+)?$/;
const PRICE_RE = /^([+-]?)(\d{0,9})(?:\.(\d*))?$/;

function parseDate(value: string): string | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [, y = "", mo = "", d = "", h = "", mi = "", s = "00", frac] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
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

/** Exact price in thousandths, or null when it is not a decimal with at most 3 decimals. */
function parsePriceMillis(value: string): bigint | null {
  const m = PRICE_RE.exec(value);
  if (!m) return null;
  const [, sign = "", int = "", frac = ""] = m;
  if ((int === "" && frac === "") || frac.length > 3) return null;
  const millis = BigInt(int || "0") * 1000n + BigInt(frac.padEnd(3, "0"));
  return sign === "-" ? -millis : millis;
}

function formatMillis(millis: bigint): string {
  const abs = millis < 0n ? -millis : millis;
  const frac = String(abs % 1000n).padStart(3, "0");
  return `${millis < 0n ? "-" : ""}${abs / 1000n}.${frac}`;
}

function normaliseCustomerId(value: string): string | null {
  if (value === "") return null;
  const floatInt = /^(\d+)\.0*$/.exec(value);
  return floatInt ? floatInt[1]! : value;
}

/** Checks one CSV record. A row is rejected only when a value cannot be read. */
export function parseRow(record: OnlineRetailRecord): ParseRowResult {
  const get = (field: string) => (record[field] ?? "").trim();
  const problems: RowProblem[] = [];

  const invoiceNo = get("InvoiceNo");
  if (invoiceNo === "") problems.push({ field: "InvoiceNo", reason: "missing invoice number" });

  const rawDate = get("InvoiceDate");
  const invoiceDate = parseDate(rawDate);
  if (invoiceDate === null) {
    problems.push({ field: "InvoiceDate", reason: `unreadable date "${rawDate}" (expected YYYY-MM-DD HH:MM:SS)` });
  }

  const rawQuantity = get("Quantity");
  const quantity = parseQuantity(rawQuantity);
  if (quantity === null) problems.push({ field: "Quantity", reason: `not a whole number: "${rawQuantity}"` });

  const rawPrice = get("UnitPrice");
  const priceMillis = parsePriceMillis(rawPrice);
  if (priceMillis === null) {
    problems.push({ field: "UnitPrice", reason: `not a decimal number with at most 3 decimals: "${rawPrice}"` });
  } else if (quantity !== null && BigInt(Math.abs(quantity)) * (priceMillis < 0n ? -priceMillis : priceMillis) >= LINE_TOTAL_LIMIT_MILLIS) {
    problems.push({ field: "UnitPrice", reason: "quantity × price is too large for a line total" });
  }

  if (problems.length > 0 || invoiceDate === null || quantity === null || priceMillis === null) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    row: {
      invoiceNo,
      stockCode: get("StockCode"),
      description: get("Description"),
      quantity,
      invoiceDate,
      unitPrice: formatMillis(priceMillis),
      customerId: normaliseCustomerId(get("CustomerID")),
      country: get("Country") || null,
    },
  };
}
