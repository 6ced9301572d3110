import { db } from "../db";
import { hashApiKeyToken } from "./api-key-token";

export interface LiveApiKey {
  id: string;
  kind: "public" | "secret";
  source: string;
  allowedOrigins: string[];
}

const cacheMs = 1000;
const cache = new Map<string, { key: LiveApiKey | null; at: number }>();

/**
 * The live (not revoked) key for a token, or null. Cached for a second to spare the database at
 * thousands of calls a second; revocation still takes effect at once for writes because the commit
 * re-checks it, and reads pass `fresh`.
 */
export async function findApiKey(options: { token: string; fresh?: boolean }): Promise<LiveApiKey | null> {
  // Cached by the token itself: a cache hit costs no hashing.
  const hit = cache.get(options.token);
  if (!options.fresh && hit && Date.now() - hit.at < cacheMs) return hit.key;
  const hash = hashApiKeyToken(options.token);
  const row = await db.apiKey.findUnique({
    where: { keyHash: hash },
    select: { id: true, kind: true, source: true, allowedOrigins: true, revokedAt: true },
  });
  const key = row && !row.revokedAt ? { id: row.id, kind: row.kind, source: row.source, allowedOrigins: row.allowedOrigins } : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(options.token, { key, at: Date.now() });
  return key;
}

/** True when some live public key lists this browser origin (answers CORS preflights). */
export async function isOriginAllowed(options: { origin: string }): Promise<boolean> {
  const hit = originCache.get(options.origin);
  if (hit && Date.now() - hit.at < cacheMs) return hit.allowed;
  const count = await db.apiKey.count({ where: { kind: "public", revokedAt: null, allowedOrigins: { has: options.origin } } });
  if (originCache.size > 10_000) originCache.clear();
  originCache.set(options.origin, { allowed: count > 0, at: Date.now() });
  return count > 0;
}
const originCache = new Map<string, { allowed: boolean; at: number }>();
