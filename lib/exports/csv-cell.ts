/**
 * One CSV cell, for every CSV file Tailor writes (segment export, campaign report, rejected rows,
 * suppression list): quoted when it holds a comma, quote or line break; a value starting with
 * = + - @, a tab or a carriage return gets a leading ' so that spreadsheets show it as text
 * instead of running it as a formula (CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  // Numbers are data, never formulas (a negative amount keeps its sign).
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  const s = value instanceof Date ? value.toISOString() : String(value);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
