import { Redis } from "ioredis";
import { env } from "../env";

/** Deletes every Redis key under a BullMQ prefix of this process's own (the CLI's private queues when it is done). */
export async function cleanupQueuePrefix(prefix: string): Promise<void> {
  const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
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
