import { createHmac, timingSafeEqual } from "node:crypto";
import { identityVerificationSecret } from "../consent/installation-secret";
import { identifierKey, type Identifier } from "./identifier";

/** The fields of a call's context that carry identity verification hashes (hex HMAC-SHA256). */
export const verificationFields = ["userHash", "emailHash", "phoneHash"] as const;

/** HMAC-SHA256 of an identifier's value under the identity verification secret, hex: what a site's server computes. */
export function identityHash(value: string, secret = identityVerificationSecret()): string {
  return createHmac("sha256", secret).update(value).digest("hex");
}

function hashesOf(payload: Record<string, unknown>): Buffer[] {
  const context = typeof payload.context === "object" && payload.context ? (payload.context as Record<string, unknown>) : {};
  return verificationFields
    .map((f) => context[f])
    .filter((h): h is string => typeof h === "string" && /^[0-9a-f]{64}$/i.test(h))
    .map((h) => Buffer.from(h.toLowerCase(), "hex"));
}

/**
 * The call's identifiers (userId, email, phone; never anonymous ids) that one of the hashes in its
 * context (`userHash`, `emailHash`, `phoneHash`) verifies: the HMAC-SHA256 of the identifier's value
 * (userId as sent, email trimmed and lower-cased, phone in E.164) under the verification secret.
 */
export function verifiedIdentifiers(options: { identifiers: Identifier[]; payload: Record<string, unknown> }): Set<string> {
  const hashes = hashesOf(options.payload);
  const verified = new Set<string>();
  if (!hashes.length) return verified;
  const secret = identityVerificationSecret();
  for (const i of options.identifiers) {
    if (i.type === "anonymous_id") continue;
    const expected = Buffer.from(identityHash(i.value, secret), "hex");
    if (hashes.some((h) => timingSafeEqual(h, expected))) verified.add(identifierKey(i));
  }
  return verified;
}

export interface PublicCallCheck {
  /** True when the call names no existing profile's identifier it has not proved. */
  allowed: boolean;
  /** True when at least one identifier is proved by a hash (consent from a public key needs it). */
  verified: boolean;
  /** Existing profiles' identifiers the call named without proof. */
  unproved: Identifier[];
}

/**
 * What a call sent with a public key (whose key every visitor can read) may do. It may introduce
 * identifiers nobody has yet, and add events to the one profile all its identifiers already belong
 * to (a known visitor's page views and cart events). To change a known profile — its traits (an
 * identify), its identifiers, a merge — an identifier an existing profile already has (userId,
 * email, phone) counts only when proved: verified by its own hash, or on the same profile as one so
 * verified.
 */
export function checkPublicCall(options: {
  type: string;
  identifiers: Identifier[];
  verified: Set<string>;
  owner: Map<string, number>;
}): PublicCallCheck {
  const { identifiers, verified, owner } = options;
  const owners = new Set(identifiers.map((i) => owner.get(identifierKey(i))));
  const eventsOnly = ["track", "page", "screen", "group"].includes(options.type) && owners.size === 1 && !owners.has(undefined);
  const provedProfiles = new Set(
    identifiers
      .filter((i) => verified.has(identifierKey(i)))
      .map((i) => owner.get(identifierKey(i)))
      .filter((id) => id !== undefined),
  );
  const unproved = identifiers.filter((i) => {
    if (eventsOnly || i.type === "anonymous_id") return false;
    const key = identifierKey(i);
    const profile = owner.get(key);
    return profile !== undefined && !verified.has(key) && !provedProfiles.has(profile);
  });
  return { allowed: unproved.length === 0, verified: verified.size > 0, unproved };
}
