import { toHttpError } from "../errors";

/** A JSON error response from any thrown value, through the one mapping in lib/errors.ts. */
export function errorResponse(e: unknown): Response {
  const { status, body, headers } = toHttpError(e);
  return Response.json(body, { status, headers });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const titles: Partial<Record<number, string>> = {
  401: "Sign in to download this file",
  403: "You cannot download this file",
  404: "This file does not exist",
};

/**
 * For a download link a person opened in the browser (a navigation, not a script): the error as a
 * small page that says what went wrong and where to go, instead of raw JSON. Scripts still get JSON.
 */
export function downloadErrorResponse(e: unknown, request: Request): Response {
  const navigation = request.headers.get("sec-fetch-mode") === "navigate" || (request.headers.get("accept") ?? "").includes("text/html");
  if (!navigation) return errorResponse(e);
  const { status, body, headers } = toHttpError(e);
  const title = titles[status] ?? "The download did not work";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Tailor</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:4rem 1.5rem}
main{max-width:36rem;margin:auto;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;padding:2rem}
h1{font-size:1.25rem;margin:0 0 .75rem}p{color:#334155;line-height:1.5}a{color:#4338ca}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body.error.message)}</p>
${status === 401 ? '<p><a href="/login">Sign in</a></p>' : ""}
<p><a href="javascript:history.back()">← Back</a> · <a href="/">Dashboard</a></p></main></body></html>`;
  return new Response(html, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
