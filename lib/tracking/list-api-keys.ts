import { db } from "../db";

/** Every key, live first, newest first, with what the admin page shows (never the hash). */
export async function listApiKeys() {
  const keys = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, label: true, kind: true, source: true, keyPrefix: true, allowedOrigins: true, createdAt: true, revokedAt: true },
  });
  const usage = await db.$queryRaw<{ apiKeyId: string; count: bigint; last: Date }[]>`
    SELECT api_key_id AS "apiKeyId", count(*) AS count, max(received_at) AS last FROM tracking_events GROUP BY api_key_id`;
  const byKey = new Map(usage.map((u) => [u.apiKeyId, u]));
  return keys.map((k) => ({ ...k, events: Number(byKey.get(k.id)?.count ?? 0), lastUsedAt: byKey.get(k.id)?.last ?? null }));
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
