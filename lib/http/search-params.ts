/** What Next passes to a page as `await searchParams`. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** First value of each parameter, so a zod schema can parse the page's URL state. */
export function firstValues(params: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** Builds a query string from non-empty values (for links that keep the page's state). */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}
