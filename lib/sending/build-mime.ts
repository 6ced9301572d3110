import { randomBytes } from "node:crypto";

export interface MimeMessage {
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  messageId: string;
  date: Date;
  /** Extra headers (List-Unsubscribe, …), ASCII values. */
  headers: Record<string, string>;
  html: string;
  text: string;
}

const ascii = /^[\x20-\x7e]*$/;

/** RFC 2047 encoded words (base64, UTF-8) for a header value that is not printable ASCII, split at characters. */
export function encodeHeaderValue(value: string): string {
  const clean = value.replace(/[\r\n]+/g, " ");
  if (ascii.test(clean)) return clean;
  const words: string[] = [];
  let current = "";
  for (const ch of clean) {
    if (Buffer.byteLength(current + ch) > 45) {
      words.push(current);
      current = "";
    }
    current += ch;
  }
  if (current) words.push(current);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString("base64")}?=`).join("\r\n ");
}

/** "Name" <address>, the name quoted or encoded as needed. */
export function formatAddress(name: string, address: string): string {
  const n = name.replace(/[\r\n]+/g, " ").trim();
  if (!n) return `<${address}>`;
  if (!ascii.test(n)) return `${encodeHeaderValue(n)} <${address}>`;
  return `"${n.replace(/["\\]/g, "\\$&")}" <${address}>`;
}

/** RFC 5322 date: "Mon, 07 Dec 2026 08:00:00 +0000". */
export function mailDate(d: Date): string {
  return d.toUTCString().replace(/GMT$/, "+0000");
}

/** True when no line of `s` is 998 characters or longer (RFC 5322's limit), by one scan. */
function shortLines(s: string): boolean {
  let at = 0;
  for (;;) {
    const nl = s.indexOf("\n", at);
    if ((nl < 0 ? s.length : nl) - at > 997) return false;
    if (nl < 0) return true;
    at = nl + 1;
  }
}

/**
 * A body part's header and content, ASCII either way: 7bit when the body is ASCII with lines under
 * 998 characters (most templates), else base64 in 76-character lines.
 */
function part(contentType: string, body: string): [string, string] {
  if (!/[^\x00-\x7f]/.test(body) && shortLines(body)) {
    const crlf = body.includes("\r") ? body.replace(/\r?\n/g, "\r\n") : body.replaceAll("\n", "\r\n");
    return [`Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n`, crlf];
  }
  const b64 = Buffer.from(body, "utf8").toString("base64");
  const lines: string[] = [];
  for (let at = 0; at < b64.length; at += 76) lines.push(b64.slice(at, at + 76));
  return [`Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n`, lines.join("\r\n")];
}

/**
 * The whole message as sent (headers, multipart/alternative with the plain text and the HTML),
 * built directly from the rendered parts and handed to nodemailer as `raw`: no MIME tree, no
 * stream per message (docs/decisions/090). Written straight into one Buffer (docs/decisions/144):
 * the bodies, ASCII by then, are copied once, with no joined string to flatten and encode again.
 */
export function buildMimeBuffer(m: MimeMessage): Buffer {
  const boundary = `=_tailor_${randomBytes(12).toString("hex")}`;
  const head = [
    `From: ${formatAddress(m.from.name, m.from.address)}`,
    `To: <${m.to}>`,
    ...(m.replyTo ? [`Reply-To: <${m.replyTo}>`] : []),
    `Subject: ${encodeHeaderValue(m.subject)}`,
    `Date: ${mailDate(m.date)}`,
    `Message-ID: ${m.messageId}`,
    "MIME-Version: 1.0",
    ...Object.entries(m.headers).map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, " ")}`),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  // Headers may hold UTF-8 (an internationalized address); the parts are ASCII.
  const top = `${head.join("\r\n")}\r\n\r\n--${boundary}\r\n`;
  const [textHead, textBody] = part("text/plain", m.text);
  const [htmlHead, htmlBody] = part("text/html", m.html);
  const between = `\r\n--${boundary}\r\n`;
  const end = `\r\n--${boundary}--\r\n`;
  const ascii = [textHead, textBody, between, htmlHead, htmlBody, end];
  let size = Buffer.byteLength(top);
  for (const piece of ascii) size += piece.length;
  const out = Buffer.allocUnsafe(size);
  let at = out.write(top, 0, "utf8");
  for (const piece of ascii) at += out.write(piece, at, "latin1");
  return out;
}

/** The same message as a string (test sends, flows). */
export function buildMime(m: MimeMessage): string {
  return buildMimeBuffer(m).toString("utf8");
}
