import { timingSafeEqual } from "node:crypto";
import { installationHmacBytes } from "./installation-secret";

/**
 * Unsubscribe tokens: `v1.<customerId>.<signature>`, the signature an HMAC (installation secret) of
 * "v1.<customerId>". No expiry, on purpose: a link in a years-old email must still work.
 */
export function createUnsubscribeToken(options: { customerId: number }): string {
  const body = `v1.${options.customerId}`;
  return `${body}.${signature(body)}`;
}

/** The customer id a token was made for, or null when it was altered or is not a token at all. */
export function verifyUnsubscribeToken(token: string): { customerId: number } | null {
  const match = /^v1\.([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signature(`v1.${match[1]}`));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const customerId = Number(match[1]);
  return Number.isSafeInteger(customerId) && customerId <= 2_147_483_647 ? { customerId } : null;
}

/**
 * The token of a test send's unsubscribe link and headers: `t1.<customerId>.<signature>`. It never
 * verifies as a real token, so the unsubscribe endpoint and the preference centre recognise it and
 * change nothing (the test went to a colleague, not to the customer whose data it shows).
 */
export function createTestUnsubscribeToken(options: { customerId: number }): string {
  const body = `t1.${options.customerId}`;
  return `${body}.${signature(body)}`;
}

/** What the unsubscribe endpoint and the preference centre answer to a test send's link. */
export const testSendNotice =
  "This was a test send; nothing changed. The links of a test email never change anyone's preferences: the customer's real emails carry their own link.";

/** Whether `token` is a genuine test-send token of this installation. */
export function isTestUnsubscribeToken(token: string): boolean {
  const match = /^t1\.([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expected = Buffer.from(signature(`t1.${match[1]}`));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function signature(body: string): string {
  return installationHmacBytes("unsubscribe-link", body).toString("base64url");
}
