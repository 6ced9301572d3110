import { Redis } from "ioredis";
import { db } from "../db";
import { env } from "../env";

export interface RateLimits {
  accountId: string;
  perSecond: number | null;
  perHour: number | null;
}

// Fixed windows on the Redis server's clock (every process agrees on the second and the hour).
// Returns {granted, waitMs}; granted = -1 when the hour's counter is missing and must be seeded.
const takeScript = `
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local want = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
local perHour = tonumber(ARGV[3])
local sec = math.floor(nowMs / 1000)
local hour = math.floor(nowMs / 3600000)
local secKey = KEYS[1] .. ':s:' .. sec
local hourKey = KEYS[1] .. ':h:' .. hour
local grant = want
local wait = 0
if perHour > 0 then
  local used = redis.call('GET', hourKey)
  if not used then return {-1, hour} end
  local left = perHour - tonumber(used)
  if left < grant then grant = left; wait = (hour + 1) * 3600000 - nowMs end
end
if perSecond > 0 then
  local left = perSecond - tonumber(redis.call('GET', secKey) or '0')
  if left < grant then grant = left; wait = (sec + 1) * 1000 - nowMs end
end
if grant <= 0 then return {0, wait} end
if perSecond > 0 then redis.call('INCRBY', secKey, grant); redis.call('PEXPIRE', secKey, 5000) end
if perHour > 0 then redis.call('INCRBY', hourKey, grant); redis.call('PEXPIRE', hourKey, 7200000) end
return {grant, 0}
`;

let client: { url: string; redis: Redis } | undefined;
function redis(): Redis {
  const url = env().REDIS_URL;
  if (!client || client.url !== url) {
    client?.redis.disconnect();
    const r = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    r.on("error", () => undefined);
    r.defineCommand("tailorTakeTokens", { numberOfKeys: 1, lua: takeScript });
    client = { url, redis: r };
  }
  return client.redis;
}

/**
 * Takes up to `want` sends from the account's limits, shared by every worker process through Redis.
 * Returns how many were granted (0 … want) and, when fewer, how long to wait before asking again.
 * Without limits it grants everything without asking Redis. After a Redis restart the hour's
 * counter is seeded from the ledger (messages of the account sent, or in flight, in the current hour).
 */
export async function takeSendTokens(limits: RateLimits, want: number): Promise<{ granted: number; waitMs: number }> {
  if (want <= 0 || (!limits.perSecond && !limits.perHour)) return { granted: want, waitMs: 0 };
  // Per installation (its database), not per queue prefix: the CLI's private queues share the limits.
  const key = `tailor-rate:${new URL(env().DATABASE_URL).pathname.slice(1)}:${limits.accountId}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [granted, wait] = (await (redis() as unknown as Record<string, (...a: unknown[]) => Promise<[number, number]>>).tailorTakeTokens!(
      key,
      want,
      limits.perSecond ?? 0,
      limits.perHour ?? 0,
    )) as [number, number];
    if (granted >= 0) return { granted, waitMs: granted < want ? Math.max(5, wait) : 0 };
    const hourStart = new Date(wait * 3_600_000);
    // Sent this hour, and claimed this hour but not yet recorded (on the wire when Redis went away);
    // flows send through the default account.
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM campaign_sends s JOIN campaigns k ON k.id = s.campaign_id
              WHERE k.sending_account_id = ${limits.accountId}
                AND ((s.state = 'sent' AND s.sent_at >= ${hourStart}) OR (s.state = 'sending' AND s.updated_at >= ${hourStart})))::int
        + (SELECT count(*) FROM flow_messages m WHERE ${limits.accountId} = 'default'
              AND ((m.status = 'sent' AND m.sent_at >= ${hourStart}) OR (m.status = 'sending' AND m.claimed_at >= ${hourStart})))::int AS n`;
    await redis().set(`${key}:h:${wait}`, String(row?.n ?? 0), "PX", 7_200_000, "NX");
  }
  return { granted: 0, waitMs: 100 };
}

/** Closes the limiter's Redis connection (tests, shutdown). */
export function closeRateLimiter(): void {
  client?.redis.disconnect();
  client = undefined;
}
