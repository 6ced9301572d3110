import { createHash, randomBytes } from "node:crypto";
import type { ApiKeyKind } from "../generated/prisma/enums";

const prefixes: Record<ApiKeyKind, string> = { public: "tk_pub_", secret: "tk_sec_" };

/** A new key: the token shown once, its SHA-256 (what is stored) and a prefix to recognise it by. */
export function generateApiKeyToken(kind: ApiKeyKind): { token: string; hash: string; prefix: string } {
  const token = `${prefixes[kind]}${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashApiKeyToken(token), prefix: token.slice(0, prefixes[kind].length + 6) };
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The key a request carries: HTTP Basic with the key as user name and an empty password (Segment's
 * way), a Bearer token, or — for senders that cannot set headers — `writeKey` in the body.
 */
export function readApiKeyToken(options: { authorization?: string | null; bodyWriteKey?: string }): string | null {
  const header = options.authorization?.trim();
  if (header) {
    const [scheme, value = ""] = header.split(/\s+/, 2);
    if (/^basic$/i.test(scheme ?? "")) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const user = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
      return user || null;
    }
    if (/^bearer$/i.test(scheme ?? "")) return value || null;
  }
  return options.bodyWriteKey?.trim() || null;
}
