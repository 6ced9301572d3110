import { installationUrl } from "../http/installation-url";
import { createTestUnsubscribeToken, createUnsubscribeToken } from "./unsubscribe-token";

export interface UnsubscribeLink {
  /** The personal preference centre: put it in the email's footer ("Unsubscribe or change what you receive"). */
  url: string;
  /** Where mail clients POST the RFC 8058 one-click unsubscribe. */
  oneClickUrl: string;
  headers: { "List-Unsubscribe": string; "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * The unsubscribe link and headers for one marketing email (the template and sending code call
 * this). `baseUrl` defaults to NEXTAUTH_URL, then http://localhost:3000. With `test`, the links of a
 * test send: they lead to the same pages, which say it was a test and change nothing.
 */
export function buildUnsubscribe(options: { customerId: number; purpose?: string; baseUrl?: string; test?: boolean }): UnsubscribeLink {
  const base = installationUrl(options.baseUrl);
  const token = options.test ? createTestUnsubscribeToken(options) : createUnsubscribeToken({ customerId: options.customerId });
  const purpose = options.purpose && options.purpose !== "email_marketing" ? `?purpose=${encodeURIComponent(options.purpose)}` : "";
  const url = `${base}/preferences/${token}`;
  const oneClickUrl = `${base}/api/unsubscribe/${token}${purpose}`;
  return { url, oneClickUrl, headers: { "List-Unsubscribe": `<${oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}
