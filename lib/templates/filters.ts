/**
 * The filters a marketer needs beyond Liquid's own: money in the installation's currency, dates in
 * its time zone, title case. Formatters are built once per (currency, time zone) and reused.
 */
export interface FilterSettings {
  currency: string;
  timeZone: string;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { style: "currency", currency });
    moneyFormats.set(currency, f);
  }
  return f;
}

export const dateStyles = {
  short: { day: "2-digit", month: "2-digit", year: "numeric" },
  medium: { day: "numeric", month: "short", year: "numeric" },
  long: { day: "numeric", month: "long", year: "numeric" },
  datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  month: { month: "long", year: "numeric" },
  weekday: { weekday: "long", day: "numeric", month: "long" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof dateStyles;

function dateFormat(style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { ...dateStyles[style], timeZone });
    dateFormats.set(key, f);
  }
  return f;
}

/** `{{ 12.5 | money }}` → "£12.50"; `{{ 12.5 | money: "EUR" }}` → "€12.50". Empty for null/non-numbers. */
export function money(settings: FilterSettings, value: unknown, currency?: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return "";
  const code = typeof currency === "string" && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : settings.currency;
  return moneyFormat(code).format(n);
}

/** `{{ o.placed_at | format_date: "long" }}` → "3 March 2026" in the installation's time zone. */
export function formatDate(settings: FilterSettings, value: unknown, style?: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return "";
  const s: DateStyle = typeof style === "string" && style in dateStyles ? (style as DateStyle) : "medium";
  return dateFormat(s, settings.timeZone).format(d);
}

/** `{{ "JANE o'NEILL" | title_case }}` → "Jane O'neill"; words split on spaces and hyphens. */
export function titleCase(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value)
    .toLowerCase()
    .replace(/(^|[\s\-/(])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
