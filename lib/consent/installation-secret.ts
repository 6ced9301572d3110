import { createHmac } from "node:crypto";
import { env } from "../env";
import { AppError } from "../errors";

const developmentSecret = "tailor-development-secret-not-for-production";

/**
 * The installation's secret for signed links and address HMACs: TAILOR_SECRET, else
 * NEXTAUTH_SECRET (the documented fallback). Never rotated silently: links must work forever.
 */
function installationSecret(): string {
  const { TAILOR_SECRET, NEXTAUTH_SECRET, NODE_ENV } = env();
  const secret = TAILOR_SECRET ?? NEXTAUTH_SECRET;
  if (secret) return secret;
  if (NODE_ENV !== "production") return developmentSecret;
  throw new AppError(
    "unavailable",
    "Neither TAILOR_SECRET nor NEXTAUTH_SECRET is set, so Tailor cannot sign unsubscribe links. Set TAILOR_SECRET to a random string of 32+ characters and never change it.",
  );
}

/** HMAC-SHA256 of `value` under a key derived for `purpose` (domain separation), hex. */
export function installationHmac(purpose: "unsubscribe-link" | "address" | "subject-ref", value: string): string {
  const key = createHmac("sha256", installationSecret()).update(`tailor:${purpose}`).digest();
  return createHmac("sha256", key).update(value).digest("hex");
}

/** The HMAC the suppression list keys an address by (trimmed, lower-cased first). */
export function addressHash(email: string): string {
  return installationHmac("address", email.trim().toLowerCase());
}
