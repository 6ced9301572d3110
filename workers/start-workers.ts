import { Worker, type Processor } from "bullmq";
import { env } from "../lib/env";
import type { JobDefinition } from "../lib/jobs/define-job";
import { importFileJob } from "../lib/jobs/import-file-job";
import { redisConnection } from "../lib/jobs/redis-connection";
import { processImportFile } from "./processors/import-file";

/** Each job definition with the processor that runs it. */
const registrations: { job: JobDefinition; processor: Processor }[] = [{ job: importFileJob, processor: processImportFile }];

export interface RunningWorkers {
  names: string[];
  /** Waits for running jobs to finish (force: stop now; they are retried later). */
  close(opts?: { force?: boolean }): Promise<void>;
}

/** Starts one BullMQ worker per job, under env().QUEUE_PREFIX, with error and failure listeners. */
export function startWorkers(opts: { log?: (line: string) => void } = {}): RunningWorkers {
  const log = opts.log ?? ((line: string) => console.log(line));
  const workers = registrations.map(({ job, processor }) => {
    const worker = new Worker(job.name, processor, {
      connection: redisConnection(),
      prefix: env().QUEUE_PREFIX,
      concurrency: job.concurrency ?? 1,
    });
    worker.on("error", (e) => log(`[${job.name}] worker error: ${e.message}`));
    worker.on("failed", (j, e) => log(`[${job.name}] job ${j?.id ?? "?"} failed (attempt ${j?.attemptsMade ?? "?"}): ${e.message}`));
    worker.on("completed", (j) => log(`[${job.name}] job ${j.id ?? "?"} done`));
    return worker;
  });
  return {
    names: registrations.map((r) => r.job.name),
    async close({ force = false } = {}) {
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
