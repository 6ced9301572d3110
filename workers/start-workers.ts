import { Worker, type Processor } from "bullmq";
import { env } from "../lib/env";
import type { JobDefinition } from "../lib/jobs/define-job";
import { clusterRunJob } from "../lib/jobs/cluster-run-job";
import { failStaleRuns } from "../lib/clustering/runs/fail-stale-runs";
import { startFlowEngine } from "../lib/flows/run-flow-engine";
import { importFileJob } from "../lib/jobs/import-file-job";
import { MODEL_TRAIN_CRON, modelTrainJob, modelTrainNightlyJob } from "../lib/jobs/model-train-job";
import { processTrackingJob } from "../lib/jobs/process-tracking-job";
import { redisConnection } from "../lib/jobs/redis-connection";
import { requestTrackingProcessing } from "../lib/jobs/request-tracking-processing";
import { rfmRescoreJob, RFM_RESCORE_CRON } from "../lib/jobs/rfm-rescore-job";
import { getQueue } from "../lib/jobs/get-queue";
import { segmentRebuildJob } from "../lib/jobs/segment-rebuild-job";
import { segmentReevaluateJob } from "../lib/jobs/segment-reevaluate-job";
import { SEGMENT_TICK_EVERY_MS, segmentTimeTickJob } from "../lib/jobs/segment-time-tick-job";
import { processImportFile } from "./processors/import-file";
import { processProcessTracking } from "./processors/process-tracking";
import { segmentJobProcessor } from "./processors/segment-jobs";
import { campaignChunkJob, campaignFanOutJob } from "../lib/jobs/campaign-jobs";
import { sweepCampaigns } from "../lib/campaigns/sweep-campaigns";
import { deleteStaleUploads } from "../lib/imports/uploads/delete-stale-uploads";

const segmentJobs = [segmentRebuildJob, segmentReevaluateJob, segmentTimeTickJob, rfmRescoreJob] as JobDefinition[];

/** Each job definition with the processor that runs it. */
const registrations: { job: JobDefinition; processor: Processor }[] = [
  { job: importFileJob, processor: processImportFile },
  { job: processTrackingJob, processor: processProcessTracking },
  ...segmentJobs.map((job) => ({ job, processor: segmentJobProcessor(job) })),
  // Same shape: parse, call lib (which computes in a worker thread and records its own outcome).
  { job: clusterRunJob as JobDefinition, processor: segmentJobProcessor(clusterRunJob as JobDefinition) },
  ...([campaignFanOutJob, campaignChunkJob] as JobDefinition[]).map((job) => ({ job, processor: segmentJobProcessor(job) })),
  { job: modelTrainJob as JobDefinition, processor: segmentJobProcessor(modelTrainJob as JobDefinition) },
  { job: modelTrainNightlyJob as JobDefinition, processor: segmentJobProcessor(modelTrainNightlyJob as JobDefinition) },
];

/** Stale uploads and unpacked ZIP folders are swept this often (and when the worker starts). */
const uploadSweepMs = 3600_000;

/** Tracking calls left waiting (a restart, a lost wake-up) are picked up this often. */
const trackingSweepMs = 5000;

/** Recurring jobs: time-driven segment changes every 15 s, the nightly RFM rescore. */
async function scheduleRecurringJobs(log: (line: string) => void): Promise<void> {
  try {
    await getQueue(segmentTimeTickJob.name).upsertJobScheduler(
      "segment-time-tick",
      { every: SEGMENT_TICK_EVERY_MS },
      { name: segmentTimeTickJob.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    await getQueue(rfmRescoreJob.name).upsertJobScheduler(
      "rfm-rescore-nightly",
      { pattern: RFM_RESCORE_CRON },
      { name: rfmRescoreJob.name, data: {} },
    );
    await getQueue(modelTrainNightlyJob.name).upsertJobScheduler(
      "model-train-nightly",
      { pattern: MODEL_TRAIN_CRON },
      { name: modelTrainNightlyJob.name, data: {} },
    );
  } catch (e) {
    log(`Could not schedule the recurring segment jobs: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface RunningWorkers {
  names: string[];
  /** Waits for running jobs to finish (force: stop now; they are retried later). */
  close(opts?: { force?: boolean }): Promise<void>;
}

/** Starts one BullMQ worker per job, under env().QUEUE_PREFIX, with error and failure listeners. */
export function startWorkers(
  opts: { log?: (line: string) => void; schedule?: boolean; flows?: boolean; only?: string[] } = {},
): RunningWorkers {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (opts.schedule !== false) void scheduleRecurringJobs(log);
  // Runs left "running" by a worker that died are failed, not left with a hung progress bar.
  void failStaleRuns().catch(() => undefined);
  const chosen = opts.only ? registrations.filter((r) => opts.only!.includes(r.job.name)) : registrations;
  const workers = chosen.map(({ job, processor }) => {
    const lockDuration = job.lockDuration === "lease" ? env().CAMPAIGN_LEASE_MS : job.lockDuration;
    const worker = new Worker(job.name, processor, {
      connection: redisConnection(),
      prefix: env().QUEUE_PREFIX,
      concurrency: job.concurrency ?? 1,
      ...(lockDuration ? { lockDuration, stalledInterval: lockDuration } : {}),
    });
    worker.on("error", (e) => log(`[${job.name}] worker error: ${e.message}`));
    worker.on("failed", (j, e) => log(`[${job.name}] job ${j?.id ?? "?"} failed (attempt ${j?.attemptsMade ?? "?"}): ${e.message}`));
    // Frequent, routine jobs stay out of the log.
    if (job.name !== processTrackingJob.name && job.name !== segmentTimeTickJob.name && job.name !== campaignChunkJob.name) {
      worker.on("completed", (j) => log(`[${job.name}] job ${j.id ?? "?"} done`));
    }
    return worker;
  });
  // Calls accepted while no worker ran are waiting in Postgres: process them now, then sweep.
  const tracking = chosen.some((r) => r.job.name === processTrackingJob.name);
  if (tracking) requestTrackingProcessing("start");
  const sweep = setInterval(() => tracking && requestTrackingProcessing("sweep"), trackingSweepMs);
  sweep.unref();
  // Campaigns: what Redis lost or a dead worker left is queued again from the ledger (docs/decisions/090).
  let sweeping = false;
  const campaignSweep = setInterval(
    () => {
      if (sweeping) return;
      sweeping = true;
      sweepCampaigns()
        .catch((e: unknown) => log(`[campaign-sweep] ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => (sweeping = false));
    },
    Math.min(5000, Math.floor(env().CAMPAIGN_LEASE_MS / 3)),
  );
  campaignSweep.unref();
  // Uploads hold personal data: those nobody imported, and folders a dead import left, go after a day.
  const sweepUploads = () =>
    void deleteStaleUploads().catch((e: unknown) => log(`[upload-sweep] ${e instanceof Error ? e.message : String(e)}`));
  sweepUploads();
  const uploadSweep = setInterval(sweepUploads, uploadSweepMs);
  uploadSweep.unref();
  // Flows: entries, waits and exits from Postgres (not a queue), every half second.
  const flowEngine = opts.flows === false || opts.only ? null : startFlowEngine({ log });
  return {
    names: [...chosen.map((r) => r.job.name), ...(flowEngine ? ["flow-engine"] : [])],
    async close({ force = false } = {}) {
      clearInterval(sweep);
      clearInterval(campaignSweep);
      clearInterval(uploadSweep);
      await Promise.all([...workers.map((w) => w.close(force)), flowEngine?.stop()]);
    },
  };
}
