import { writeAuditLog } from "../audit/write-audit-log";
import { env } from "../env";
import { AppError } from "../errors";
import { rateLimitRedis } from "../http/rate-limit";

/** Failed sign-ins allowed without delay, per account and address. */
export const freeFailures = 5;
/**
 * Failed sign-ins allowed without delay per account from all addresses together: an attacker who
 * claims (or has) a new address for every guess is held all the same. Higher than the per-address
 * count, so that one user's typos elsewhere rarely touch it.
 */
export const accountFreeFailures = 20;
/** The lockout window: failures are forgotten this long after the last one; also the longest delay. */
export const lockoutSeconds = 15 * 60;

interface Attempt {
  email: string;
  address: string;
}

interface Failures {
  count: number;
  /** Epoch ms of the last failure. */
  last: number;
}

const account = (o: Attempt) => o.email.trim().toLowerCase();
const addressKey = (o: Attempt) => `${env().QUEUE_PREFIX}:login-failures:${account(o)}|${o.address}`;
const accountKey = (o: Attempt) => `${env().QUEUE_PREFIX}:login-failures-account:${account(o)}`;

/** The delay after `count` failures of one count: none for the first `free`, then 2, 4, 8 … seconds, at most the lockout window. */
const delayAfter = (count: number, free: number) => (count < free ? 0 : Math.min(2 ** (count - free + 1), lockoutSeconds));

/** The delay after `count` failures from one address: none for the first five, then 2, 4, 8 … seconds, at most 15 minutes. */
export function loginDelaySeconds(count: number): number {
  return delayAfter(count, freeFailures);
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

/** Adds a failure at `now` to the count under `k`; returns the new count. */
async function increment(k: string, now: number): Promise<number> {
  try {
    const [[, c]] = (await rateLimitRedis().multi().hincrby(k, "count", 1).hset(k, "last", now).expire(k, lockoutSeconds).exec()) as [
      [unknown, number],
    ];
    return Number(c);
  } catch {
    const f = local.get(k);
    const count = (f && now - f.last < lockoutSeconds * 1000 ? f.count : 0) + 1;
    local.set(k, { count, last: now });
    return count;
  }
}

const secondsLeft = (f: Failures | null, free: number) =>
  f ? Math.ceil((f.last + delayAfter(f.count, free) * 1000 - Date.now()) / 1000) : 0;

/**
 * Refuses a sign-in attempt (429, audit-logged) while the account, from this address, is inside
 * the delay its failed attempts earned, or while the account as a whole is (failures from every
 * address together, past `accountFreeFailures`). Another user is not held up; the same user from
 * elsewhere only once the account's own cap is reached.
 */
export async function checkLoginThrottle(o: Attempt): Promise<void> {
  const [fromAddress, fromAll] = await Promise.all([read(addressKey(o)), read(accountKey(o))]);
  const addressWait = secondsLeft(fromAddress, freeFailures);
  const accountWait = secondsLeft(fromAll, accountFreeFailures);
  const wait = Math.max(addressWait, accountWait);
  if (wait <= 0) return;
  const scope = addressWait >= accountWait ? "address" : "account";
  await writeAuditLog({
    actor: { id: null, label: `sign-in from ${o.address}` },
    action: "auth.sign_in_throttled",
    targetType: "user",
    targetId: account(o),
    after: { scope, failures: fromAddress?.count ?? 0, accountFailures: fromAll?.count ?? 0, retryAfterSeconds: wait },
  });
  const limit = `Each further wrong password doubles the wait (at most ${lockoutSeconds / 60} minutes).`;
  throw new AppError(
    "rate_limited",
    scope === "address"
      ? `Too many failed sign-ins for this account: try again in ${wait} s. ${limit}`
      : `Too many failed sign-ins for this account, from any address: try again in ${wait} s. ${limit}`,
    { retryAfterSeconds: wait },
  );
}

/** Counts a failed sign-in, for the account from this address and for the account (audit-logged with the address). */
export async function recordLoginFailure(o: Attempt): Promise<void> {
  const now = Date.now();
  const [count, accountCount] = await Promise.all([increment(addressKey(o), now), increment(accountKey(o), now)]);
  await writeAuditLog({
    actor: { id: null, label: `sign-in from ${o.address}` },
    action: "auth.sign_in_failed",
    targetType: "user",
    targetId: account(o),
    after: {
      failures: count,
      accountFailures: accountCount,
      delaySeconds: Math.max(delayAfter(count, freeFailures), delayAfter(accountCount, accountFreeFailures)),
    },
  });
}

/**
 * A successful sign-in clears the account's failures from that address. The account's count from all
 * addresses stays until it expires: the owner signing in says nothing about the guesses made elsewhere.
 */
export async function clearLoginFailures(o: Attempt): Promise<void> {
  local.delete(addressKey(o));
  await rateLimitRedis()
    .del(addressKey(o))
    .catch(() => undefined);
}
