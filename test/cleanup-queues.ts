/** Deletes every Redis key under a test file's BullMQ prefix. */
export { cleanupQueuePrefix as cleanupQueues } from "../lib/jobs/cleanup-queue-prefix";
