import { Redis } from "ioredis";
import { env } from "../lib/env";

/** Deletes every Redis key under a test file's BullMQ prefix. */
export async function cleanupQueues(prefix: string): Promise<void> {
  const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
