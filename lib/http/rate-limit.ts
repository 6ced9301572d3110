import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";

export interface RateLimiter {
  /** Counts `cost` calls for `key`; over the limit, throws AppError "rate_limited" (429) with the seconds to wait. */
  take(key: string, cost?: number): Promise<void>;
}

let client: Redis | undefined;

/** One Redis client for every limiter of the process: it never queues commands while Redis is away (the limiter then falls back to memory). */
export function rateLimitRedis(): Redis {
  if (!client) {
    client = new Redis(env().REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000 });
    client.on("error", () => undefined);
  }
  return client;
}

/**
 * The one rate limiter of Tailor's public endpoints (tracking API per key; unsubscribe, preferences,
 * open pixel, click redirect, webhooks per client address): `points` calls per `durationSeconds`
 * and key, counted in Redis so that every process of the installation shares the count, and in
 * memory while Redis does not answer. `points` 0 turns the limit off.
 */
export function createRateLimiter(options: { name: string; points: number; durationSeconds: number; what: string }): RateLimiter {
  if (options.points <= 0) return { take: async () => undefined };
  const base = { points: options.points, duration: options.durationSeconds };
  const limiter = new RateLimiterRedis({
    ...base,
    storeClient: rateLimitRedis(),
    keyPrefix: `${env().QUEUE_PREFIX}:rate:${options.name}`,
    insuranceLimiter: new RateLimiterMemory(base),
  });
  return {
    async take(key, cost = 1) {
      try {
        await limiter.consume(key, cost);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new AppError(
          "rate_limited",
          `Too many ${options.what}: at most ${options.points.toLocaleString("en")} per ${period(options.durationSeconds)}. Retry after ${retryAfterSeconds} s.`,
          { retryAfterSeconds },
        );
      }
    },
  };
}

const period = (seconds: number) => ({ 1: "second", 60: "minute", 3600: "hour" })[seconds] ?? `${seconds.toLocaleString("en")} seconds`;

/** For tests and graceful shutdown. */
export async function closeRateLimiters(): Promise<void> {
  await client?.quit().catch(() => undefined);
  client = undefined;
}
