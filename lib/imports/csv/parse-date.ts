import type { DateOrder } from "../format-schemas";

/**
 * A date as PostgreSQL reads it: `YYYY-MM-DD HH:MM:SS[.fff]` plus `+HH:MM` when the file gave a zone
 * (without one, the installation's time zone applies in SQL). Null when unreadable.
 */
export type ParsedDate = string | null;

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;
const DMY_RE =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

const pad = (n: number) => String(n).padStart(2, "0");

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  frac: string | undefined,
  zone: string | undefined,
): ParsedDate {
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  let z = "";
  if (zone) {
    const u = zone.toUpperCase();
    z = u === "Z" || u === "UTC" ? "+00:00" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  }
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${frac.slice(0, 3)}` : ""}${z}`;
}

/** Reads ISO dates always, and D/M/Y or M/D/Y dates in the given order ("auto" reads only ISO and unambiguous ones). */
export function parseDate(value: string, order: DateOrder): ParsedDate {
  const v = value.trim();
  const iso = ISO_RE.exec(v);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac, zone] = iso;
    return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), frac, zone);
  }
  const m = DMY_RE.exec(v);
  if (!m || order === "iso") return null;
  const [, a = "", b = "", yRaw = "", hRaw = "0", mi = "0", s = "0", ampm, zone] = m;
  let first = Number(a),
    second = Number(b);
  let resolved = order;
  if (resolved === "auto") {
    if (first > 12 && second <= 12) resolved = "eu";
    else if (second > 12 && first <= 12) resolved = "us";
    else if (first === second) resolved = "eu";
    else return null;
  }
  const [day, month] = resolved === "us" ? [second, first] : [first, second];
  first = day;
  second = month;
  const y = yRaw.length === 2 ? 2000 + Number(yRaw) : Number(yRaw);
  let h = Number(hRaw);
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm.toUpperCase() === "PM" ? 12 : 0);
  }
  return build(y, second, first, h, Number(mi), Number(s), undefined, zone);
}

export interface DateOrderGuess {
  /** "iso", "us", "eu", or null when the values fit both US and European order. */
  order: Exclude<DateOrder, "auto"> | null;
  /** A value that shows the ambiguity, for the message. */
  example?: string;
}

/**
 * Decides a column's day/month order from sample values: a first part above 12 proves D/M, a
 * second part above 12 proves M/D. When no value decides, the column is ambiguous (order null).
 */
export function guessDateOrder(values: Iterable<string>): DateOrderGuess {
  let us = false,
    eu = false,
    slashed = false;
  let example: string | undefined;
  for (const raw of values) {
    const m = DMY_RE.exec(raw.trim());
    if (!m) continue;
    slashed = true;
    const a = Number(m[1]),
      b = Number(m[2]);
    if (a > 12 && b <= 12) eu = true;
    else if (b > 12 && a <= 12) us = true;
    else if (a !== b) example ??= raw.trim();
  }
  if (!slashed) return { order: "iso" };
  if (us && !eu) return { order: "us" };
  if (eu && !us) return { order: "eu" };
  return { order: null, example };
}
