import { timingSafeEqual } from "node:crypto";
import { installationHmacBytes } from "../consent/installation-secret";

/** Whom a campaign email was sent to: what an open pixel or a tracked link stands for. */
export interface TrackingTarget {
  campaignId: string;
  customerId: number;
}

/** A tracked link: the recipient and the link's number in the campaign's template (0-based). */
export interface ClickTarget extends TrackingTarget {
  link: number;
}

/**
 * Open and click tokens: `<campaignId>.<customerId>.<signature>` and
 * `<campaignId>.<customerId>.<link>.<signature>`, the signature the first 128 bits of an HMAC
 * (installation secret, key derived for "email-tracking") of "o.…" or "c.…" with the same fields,
 * base64url. Every field is signed, the link's number included: changing any character makes the
 * token invalid. No expiry, as for unsubscribe links (an email read a year later still counts).
 */
export function createOpenToken(target: TrackingTarget): string {
  const body = `${checkCampaignId(target.campaignId)}.${checkCustomerId(target.customerId)}`;
  return `${body}.${signature(`o.${body}`)}`;
}

export function createClickToken(target: ClickTarget): string {
  if (!Number.isInteger(target.link) || target.link < 0 || target.link > 9999) throw new Error(`Invalid link number ${target.link}.`);
  const body = `${checkCampaignId(target.campaignId)}.${checkCustomerId(target.customerId)}.${target.link}`;
  return `${body}.${signature(`c.${body}`)}`;
}

const campaignPattern = "[A-Za-z0-9_-]{1,40}";
const customerPattern = "[1-9][0-9]{0,9}";
const openToken = new RegExp(`^(${campaignPattern})\\.(${customerPattern})\\.([A-Za-z0-9_-]{22})$`);
const clickToken = new RegExp(`^(${campaignPattern})\\.(${customerPattern})\\.(0|[1-9][0-9]{0,3})\\.([A-Za-z0-9_-]{22})$`);

/** The recipient an open token was made for, or null when it was altered or is not a token. */
export function verifyOpenToken(token: string): TrackingTarget | null {
  const m = openToken.exec(token);
  if (!m || !signedBy(`o.${m[1]}.${m[2]}`, m[3]!)) return null;
  const customerId = customerIdOf(m[2]!);
  return customerId === null ? null : { campaignId: m[1]!, customerId };
}

/** The recipient and link a click token was made for, or null when it was altered or is not a token. */
export function verifyClickToken(token: string): ClickTarget | null {
  const m = clickToken.exec(token);
  if (!m || !signedBy(`c.${m[1]}.${m[2]}.${m[3]}`, m[4]!)) return null;
  const customerId = customerIdOf(m[2]!);
  return customerId === null ? null : { campaignId: m[1]!, customerId, link: Number(m[3]) };
}

function signature(body: string): string {
  return installationHmacBytes("email-tracking", body).subarray(0, 16).toString("base64url");
}

function signedBy(body: string, given: string): boolean {
  const expected = Buffer.from(signature(body));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function customerIdOf(s: string): number | null {
  const id = Number(s);
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : null;
}

const campaignId = new RegExp(`^${campaignPattern}$`);

function checkCampaignId(id: string): string {
  if (!campaignId.test(id)) throw new Error(`Invalid campaign id ${JSON.stringify(id)} for a tracking token.`);
  return id;
}

function checkCustomerId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new Error(`Invalid customer id ${id} for a tracking token.`);
  return id;
}
