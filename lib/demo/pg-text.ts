/**
 * Values written exactly as PostgreSQL's COPY text format prints them back (UTC, ISO dates,
 * numeric(…, 3), canonical jsonb), so a digest of the generated text equals a digest of the
 * tables read back with COPY … TO STDOUT.
 */

export const DAY_MS = 86_400_000;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A text field of a COPY row; null becomes \N. */
export function copyField(value: string | null): string {
  if (value === null) return "\\N";
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

/** An exact amount in pence as numeric(…, 3) prints it: 1299 → "12.990", -50 → "-0.500". */
export function money(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new Error(`money: not a whole number of pence: ${pence}`);
  const abs = Math.abs(pence);
  const cents = abs % 100;
  return `${pence < 0 ? "-" : ""}${(abs - cents) / 100}.${cents < 10 ? "0" : ""}${cents}0`;
}

/** An amount in pence as a JSON number (shortest form): 1299 → 12.99. */
export function moneyNumber(pence: number): number {
  return pence / 100;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const dayPrefixes = new Map<number, string>();

function dayPrefix(day: number): string {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayPrefixes.size > 20_000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  return prefix;
}

/** A timestamptz as PostgreSQL prints it with TimeZone=UTC: "2024-05-01 09:03:07.25+00". */
export function timestamp(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new Error(`timestamp: not whole milliseconds: ${ms}`);
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  let fraction = "";
  if (milli > 0) fraction = `.${String(milli).padStart(3, "0").replace(/0+$/, "")}`;
  return `${dayPrefix(day)} ${pad2(h)}:${pad2(m)}:${pad2(s)}${fraction}+00`;
}

/** jsonb's key order: shorter keys first, then bytewise (keys here are ASCII). */
function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The keys in jsonb order; objects written in that order already skip the sort. */
function orderedKeys(value: JsonObject): string[] {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i += 1) {
    if (compareKeys(keys[i - 1] ?? "", keys[i] ?? "") > 0) return keys.sort(compareKeys);
  }
  return keys;
}

/** JSON as jsonb prints it: keys in jsonb order, ", " and ": " separators. */
export function jsonb(value: JsonValue): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("jsonb: non-finite number");
    return JSON.stringify(value);
  }
  let out = "";
  if (Array.isArray(value)) {
    for (const item of value) out += (out ? ", " : "") + jsonb(item);
    return `[${out}]`;
  }
  for (const key of orderedKeys(value)) out += `${out ? ", " : ""}${JSON.stringify(key)}: ${jsonb(value[key] ?? null)}`;
  return `{${out}}`;
}
