import { Queue } from "bullmq";
import { env } from "../env";
import { defaultJobOptions } from "./default-job-options";
import { redisConnection } from "./redis-connection";

const queues = new Map<string, Queue>();

/** The queue of one job name, under env().QUEUE_PREFIX (tests give each file its own prefix). */
export function getQueue(name: string): Queue {
  const prefix = env().QUEUE_PREFIX;
  const key = `${env().REDIS_URL} ${prefix}:${name}`;
  let queue = queues.get(key);
  if (!queue) {
    queue = new Queue(name, { connection: redisConnection({ failFast: true }), prefix, defaultJobOptions });
    queue.on("error", (e) => console.error(`Queue ${name}: ${e.message}`));
    queues.set(key, queue);
  }
  return queue;
}

/** Closes every queue opened by this process (end of the CLI, tests, shutdown). */
export async function closeQueues(): Promise<void> {
  const open = [...queues.values()];
  queues.clear();
  await Promise.all(open.map((q) => q.close()));
}
