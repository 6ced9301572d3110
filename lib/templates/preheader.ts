/** Where the preheader goes in the HTML: right after <body>, hidden (what inbox lists show after the subject). */
export const preheaderMarker = "<!--tailor:preheader-->";

export function withPreheaderMarker(html: string): string {
  const body = /<body[^>]*>/i.exec(html);
  if (!body) return preheaderMarker + html;
  const at = body.index + body[0].length;
  return html.slice(0, at) + preheaderMarker + html.slice(at);
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** Replaces the marker with the rendered preheader (escaped), or removes it when there is none. */
export function insertPreheader(html: string, preheader: string): string {
  const at = html.indexOf(preheaderMarker);
  if (at === -1) return html;
  const div = preheader
    ? `<div class="tailor-preheader" style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;mso-hide:all;">${escapeHtml(preheader)}</div>`
    : "";
  return html.slice(0, at) + div + html.slice(at + preheaderMarker.length);
}
