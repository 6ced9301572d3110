import { writeAuditLog } from "../audit/write-audit-log";
import { env } from "../env";
import { AppError } from "../errors";
import { rateLimitRedis } from "../http/rate-limit";

/** Failed sign-ins allowed without delay, per account and address. */
export const freeFailures = 5;
/** The lockout window: failures are forgotten this long after the last one; also the longest delay. */
export const lockoutSeconds = 15 * 60;

interface Failures {
  count: number;
  /** Epoch ms of the last failure. */
  last: number;
}

const key = (o: { email: string; address: string }) => `${env().QUEUE_PREFIX}:login-failures:${o.email.trim().toLowerCase()}|${o.address}`;

/** The delay after `count` failures: none for the first five, then 2, 4, 8 … seconds, at most the lockout window. */
export function loginDelaySeconds(count: number): number {
  return count < freeFailures ? 0 : Math.min(2 ** (count - freeFailures + 1), lockoutSeconds);
}

// While Redis does not answer, the counts live in this process.
const local = new Map<string, Failures>();

async function read(k: string): Promise<Failures | null> {
  try {
    const h = await rateLimitRedis().hgetall(k);
    return h.count ? { count: Number(h.count), last: Number(h.last) } : null;
  } catch {
    const f = local.get(k);
    return f && Date.now() - f.last < lockoutSeconds * 1000 ? f : null;
  }
}

/**
 * Refuses a sign-in attempt (429, audit-logged) while the account, from this address, is inside
 * the delay its failed attempts earned. Keyed on account and address: another user, or the same
 * user from elsewhere, is not held up.
 */
export async function checkLoginThrottle(o: { email: string; address: string }): Promise<void> {
  const f = await read(key(o));
  if (!f) return;
  const wait = Math.ceil((f.last + loginDelaySeconds(f.count) * 1000 - Date.now()) / 1000);
  if (wait <= 0) return;
  await writeAuditLog({
    actor: { id: null, label: `sign-in from ${o.address}` },
    action: "auth.sign_in_throttled",
    targetType: "user",
    targetId: o.email.trim().toLowerCase(),
    after: { failures: f.count, retryAfterSeconds: wait },
  });
  throw new AppError(
    "rate_limited",
    `Too many failed sign-ins for this account: try again in ${wait} s. Each further wrong password doubles the wait (at most ${lockoutSeconds / 60} minutes).`,
    { retryAfterSeconds: wait },
  );
}

/** Counts a failed sign-in (audit-logged with the address). */
export async function recordLoginFailure(o: { email: string; address: string }): Promise<void> {
  const k = key(o);
  const now = Date.now();
  let count: number;
  try {
    const redis = rateLimitRedis();
    const [[, c]] = (await redis.multi().hincrby(k, "count", 1).hset(k, "last", now).expire(k, lockoutSeconds).exec()) as [
      [unknown, number],
    ];
    count = Number(c);
  } catch {
    const f = local.get(k);
    count = (f && now - f.last < lockoutSeconds * 1000 ? f.count : 0) + 1;
    local.set(k, { count, last: now });
  }
  await writeAuditLog({
    actor: { id: null, label: `sign-in from ${o.address}` },
    action: "auth.sign_in_failed",
    targetType: "user",
    targetId: o.email.trim().toLowerCase(),
    after: { failures: count, delaySeconds: loginDelaySeconds(count) },
  });
}

/** A successful sign-in clears the account's failures from that address. */
export async function clearLoginFailures(o: { email: string; address: string }): Promise<void> {
  local.delete(key(o));
  await rateLimitRedis()
    .del(key(o))
    .catch(() => undefined);
}
