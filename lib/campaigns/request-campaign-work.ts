import { enqueueJob } from "../jobs/enqueue-job";
import { getQueue } from "../jobs/get-queue";
import { z } from "zod";

// Only names and schemas here (the handlers live with the worker): the web app queues without loading the sender.
const fanOut = { name: "campaign-fan-out", schema: z.object({ campaignId: z.string().min(1) }) };
const chunkJob = { name: "campaign-send-chunk", schema: z.object({ campaignId: z.string().min(1), chunk: z.number().int().min(0) }) };

/** Chunk and fan-out jobs vanish once done, so their deterministic ids can be queued again (resume, recovery). */
const transient = { removeOnComplete: true, removeOnFail: true, attempts: 5, backoff: { type: "fixed", delay: 2000 } } as const;

/** Queues the campaign's fan-out (at `at`, else now). Idempotent: one job id per campaign. */
export async function requestFanOut(options: { campaignId: string; at?: Date | null }): Promise<void> {
  const delay = options.at ? Math.max(0, options.at.getTime() - Date.now()) : 0;
  await enqueueJob({
    job: fanOut,
    data: { campaignId: options.campaignId },
    jobId: `fanout-${options.campaignId}`,
    options: { ...transient, delay },
  });
}

/** Queues chunk jobs in bulk (deterministic ids: a chunk already waiting or running is not queued twice). */
export async function requestChunks(options: { campaignId: string; chunks: { chunk: number; dueAt: Date }[] }): Promise<void> {
  if (options.chunks.length === 0) return;
  const queue = getQueue(chunkJob.name);
  await queue.waitUntilReady();
  const now = Date.now();
  for (let i = 0; i < options.chunks.length; i += 500) {
    await queue.addBulk(
      options.chunks.slice(i, i + 500).map((c) => ({
        name: chunkJob.name,
        data: chunkJob.schema.parse({ campaignId: options.campaignId, chunk: c.chunk }),
        opts: { ...transient, jobId: `chunk-${options.campaignId}-${c.chunk}`, delay: Math.max(0, c.dueAt.getTime() - now) },
      })),
    );
  }
}

/** Queues without failing the caller: the state is in Postgres, and the workers' sweep queues what is missing. */
export async function tryRequest(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    console.error(`Campaign work will be queued by the next sweep: ${e instanceof Error ? e.message : String(e)}`);
  }
}
