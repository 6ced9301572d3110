import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { requireSecrets } from "../env";

/**
 * The installation's secret for signed links and address HMACs: TAILOR_SECRET, else
 * NEXTAUTH_SECRET (the documented fallback), created in .env.local on first need outside
 * production. Never rotated silently: links must work forever.
 */
function installationSecret(): string {
  return requireSecrets().installation;
}

type Purpose = "unsubscribe-link" | "address" | "subject-ref" | "email-tracking" | "identity-verification";

/**
 * Derived keys by secret and purpose: derived once, not once per signed link (batch sends sign
 * 100,000s), and kept as a KeyObject, which an HMAC takes in half the time of a Buffer.
 */
const derivedKeys = new Map<string, { bytes: Buffer; key: KeyObject }>();

function purposeKey(purpose: Purpose): { bytes: Buffer; key: KeyObject } {
  const secret = installationSecret();
  const id = `${purpose}\u0000${secret}`;
  let key = derivedKeys.get(id);
  if (!key) {
    const bytes = createHmac("sha256", secret).update(`tailor:${purpose}`).digest();
    key = { bytes, key: createSecretKey(bytes) };
    derivedKeys.set(id, key);
  }
  return key;
}

/** HMAC-SHA256 of `value` under a key derived for `purpose` (domain separation), raw bytes. */
export function installationHmacBytes(purpose: Purpose, value: string): Buffer {
  return createHmac("sha256", purposeKey(purpose).key).update(value).digest();
}

/** HMAC-SHA256 of `value` under a key derived for `purpose` (domain separation), hex. */
export function installationHmac(purpose: Purpose, value: string): string {
  return installationHmacBytes(purpose, value).toString("hex");
}

/**
 * The key addressHash uses, for computing the same HMAC inside PostgreSQL (pgcrypto's hmac) when a
 * query checks a whole audience against the suppression list set-based.
 */
export function addressHashKey(): Buffer {
  return purposeKey("address").bytes;
}

/** The HMAC the suppression list keys an address by (trimmed, lower-cased first). */
export function addressHash(email: string): string {
  return installationHmac("address", email.trim().toLowerCase());
}

/**
 * The identity verification secret a site's server signs its visitors' identifiers with (shown to
 * admins on the API keys page): derived from the installation's secret, so every process agrees on it.
 */
export function identityVerificationSecret(): string {
  return installationHmac("identity-verification", "secret");
}
