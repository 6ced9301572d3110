/** Request header set by proxy.ts: the page's path and query, to return there after signing in. */
export const requestUrlHeader = "x-tailor-url";

/** A callbackUrl is followed only when it is a path on this site ("/x", never "//host" or "http:"). */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
