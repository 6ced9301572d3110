import { db } from "../db";

/** Every key, live first, newest first, with what the admin page shows (never the hash). */
export async function listApiKeys() {
  const keys = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, label: true, kind: true, source: true, keyPrefix: true, allowedOrigins: true, createdAt: true, revokedAt: true },
  });
  // Processed calls are counted by the worker (api_key_usage); only the calls still waiting are
  // counted here, through the index on processed_at: a handful normally, never the whole log.
  const usage = await db.$queryRaw<{ apiKeyId: string; count: bigint; last: Date | null }[]>`
    SELECT api_key_id AS "apiKeyId", sum(events)::bigint AS count, max(last) AS last FROM (
      SELECT api_key_id, events, last_received_at AS last FROM api_key_usage
      UNION ALL
      SELECT api_key_id, count(*), max(received_at) FROM tracking_events WHERE processed_at IS NULL GROUP BY api_key_id
    ) u GROUP BY api_key_id`;
  const byKey = new Map(usage.map((u) => [u.apiKeyId, u]));
  return keys.map((k) => ({ ...k, events: Number(byKey.get(k.id)?.count ?? 0), lastUsedAt: byKey.get(k.id)?.last ?? null }));
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
