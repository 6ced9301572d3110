import { Redis } from "ioredis";
import { db } from "../db";
import { env } from "../env";

export interface RateLimits {
  accountId: string;
  perSecond: number | null;
  perHour: number | null;
}

// Rolling windows on the Redis server's clock (every process agrees on it): per window, a sorted set
// of grants ("<ms>:<seq>:<count>", scored by the time they were made) and their running total.
// A grant is allowed while the grants of the last `ms` milliseconds stay within the limit, so no
// window of that length anywhere in time (across a clock hour's or second's edge too) holds more.
// ARGV: want, then per window: limit, ms, and 1 when its total must exist (else the caller seeds it
// from the ledger: the script returns {-1, ms}). Returns {granted, waitMs}.
const takeScript = `
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local want = tonumber(ARGV[1])
local windows = (#ARGV - 1) / 3
local grant = want
local wait = 0
for i = 0, windows - 1 do
  local limit = tonumber(ARGV[2 + i * 3])
  local ms = tonumber(ARGV[3 + i * 3])
  local log = KEYS[1] .. ':w' .. ms
  local total = log .. ':n'
  local used = redis.call('GET', total)
  if not used then
    if ARGV[4 + i * 3] == '1' then return {-1, ms} end
    used = 0
  else
    used = tonumber(used)
  end
  local old = redis.call('ZRANGEBYSCORE', log, '-inf', nowMs - ms)
  if #old > 0 then
    local gone = 0
    for _, m in ipairs(old) do gone = gone + tonumber(string.match(m, ':(%d+)$')) end
    redis.call('ZREMRANGEBYSCORE', log, '-inf', nowMs - ms)
    used = used - gone
    redis.call('DECRBY', total, gone)
  end
  if limit - used < grant then
    grant = math.max(limit - used, 0)
    -- The next place frees when the oldest grant in the window leaves it.
    local oldest = redis.call('ZRANGE', log, 0, 0, 'WITHSCORES')
    local free = oldest[2] and (tonumber(oldest[2]) + ms - nowMs + 1) or 1
    if free > wait then wait = free end
  end
end
if grant <= 0 then return {0, wait} end
local seq = redis.call('INCR', KEYS[1] .. ':seq')
for i = 0, windows - 1 do
  local ms = tonumber(ARGV[3 + i * 3])
  local log = KEYS[1] .. ':w' .. ms
  redis.call('ZADD', log, nowMs, nowMs .. ':' .. seq .. ':' .. grant)
  redis.call('INCRBY', log .. ':n', grant)
  redis.call('PEXPIRE', log, ms + 60000)
  redis.call('PEXPIRE', log .. ':n', ms + 60000)
end
return {grant, wait}
`;

// Seeds a window's grants (ARGV: ms, then pairs of time in ms and count) unless its total exists.
const seedScript = `
local ms = tonumber(ARGV[1])
local log = KEYS[1] .. ':w' .. ms
if redis.call('EXISTS', log .. ':n') == 1 then return 0 end
local sum = 0
for i = 2, #ARGV, 2 do
  redis.call('ZADD', log, ARGV[i], ARGV[i] .. ':seed' .. i .. ':' .. ARGV[i + 1])
  sum = sum + tonumber(ARGV[i + 1])
end
redis.call('SET', log .. ':n', sum, 'PX', ms + 60000)
if sum > 0 then redis.call('PEXPIRE', log, ms + 60000) end
return 1
`;

const HOUR_MS = 3_600_000;

let client: { url: string; redis: Redis } | undefined;
function redis(): Redis {
  const url = env().REDIS_URL;
  if (!client || client.url !== url) {
    client?.redis.disconnect();
    const r = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    r.on("error", () => undefined);
    r.defineCommand("tailorTakeSendTokens", { numberOfKeys: 1, lua: takeScript });
    r.defineCommand("tailorSeedSendTokens", { numberOfKeys: 1, lua: seedScript });
    client = { url, redis: r };
  }
  return client.redis;
}

type Scripts = Record<"tailorTakeSendTokens" | "tailorSeedSendTokens", (...args: unknown[]) => Promise<unknown>>;

/**
 * Takes up to `want` sends from the account's limits, shared by every worker process through Redis:
 * at most `perSecond` in any rolling second and `perHour` in any rolling hour. Returns how many were
 * granted (0 … want) and, when fewer, how long to wait before asking again. Without limits it grants
 * everything without asking Redis. When Redis holds no count for the hour (a restart, or an hour
 * without sends), the last hour is read from the ledger: the account's messages sent, or in flight,
 * in the last 60 minutes, at the second they went.
 */
export async function takeSendTokens(limits: RateLimits, want: number): Promise<{ granted: number; waitMs: number }> {
  if (want <= 0 || (!limits.perSecond && !limits.perHour)) return { granted: want, waitMs: 0 };
  // Per installation (its database), not per queue prefix: the CLI's private queues share the limits.
  const key = `tailor-rate:${new URL(env().DATABASE_URL).pathname.slice(1)}:${limits.accountId}`;
  const windows: (string | number)[] = [];
  if (limits.perHour) windows.push(limits.perHour, HOUR_MS, 1);
  if (limits.perSecond) windows.push(limits.perSecond, 1000, 0);
  const scripts = redis() as unknown as Scripts;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [granted, wait] = (await scripts.tailorTakeSendTokens(key, want, ...windows)) as [number, number];
    if (granted >= 0) return { granted, waitMs: granted < want ? Math.max(5, wait) : 0 };
    // Sent in the last hour, and claimed but not yet recorded (on the wire when Redis went away);
    // flows send through the default account.
    const rows = await db.$queryRaw<{ at: string; n: number }[]>`
      SELECT (extract(epoch FROM date_trunc('second', x.at)) * 1000)::bigint::text AS at, count(*)::int AS n FROM (
        SELECT CASE WHEN s.state = 'sent' THEN s.sent_at ELSE s.updated_at END AS at
        FROM campaign_sends s JOIN campaigns k ON k.id = s.campaign_id
        WHERE k.sending_account_id = ${limits.accountId}
          AND ((s.state = 'sent' AND s.sent_at > now() - interval '1 hour') OR (s.state = 'sending' AND s.updated_at > now() - interval '1 hour'))
        UNION ALL
        SELECT CASE WHEN m.status = 'sent' THEN m.sent_at ELSE m.claimed_at END FROM flow_messages m
        WHERE ${limits.accountId} = 'default'
          AND ((m.status = 'sent' AND m.sent_at > now() - interval '1 hour') OR (m.status = 'sending' AND m.claimed_at > now() - interval '1 hour'))
      ) x GROUP BY 1`;
    await scripts.tailorSeedSendTokens(key, HOUR_MS, ...rows.flatMap((r) => [r.at, r.n]));
  }
  return { granted: 0, waitMs: 100 };
}

/** Closes the limiter's Redis connection (tests, shutdown). */
export function closeRateLimiter(): void {
  client?.redis.disconnect();
  client = undefined;
}
