import type { ConnectionOptions } from "bullmq";
import { env } from "../env";

/** BullMQ connection options from REDIS_URL (BullMQ makes its own ioredis clients from them). */
export function redisConnection(opts: { failFast?: boolean } = {}): ConnectionOptions {
  return {
    url: env().REDIS_URL,
    // Producers (web requests, the CLI) should hear at once that Redis is down instead of waiting.
    ...(opts.failFast ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000 } : {}),
  };
}

/** "127.0.0.1:6379", for messages. */
export function redisAddress(): string {
  const url = new URL(env().REDIS_URL);
  return `${url.hostname}:${url.port || "6379"}`;
}
