// The tracking API process: npm run ingest (tsx tracking-server/index.ts), started by npm start beside the
// web app and the workers. Plain node:http; every call is committed in Postgres before its 200.
// INGEST_PROCESSES > 1 runs that many processes on the one port (node:cluster), each with its own
// group committer, so the API is not held to one core.
import cluster from "node:cluster";
import { disconnectDb } from "../lib/db";
import { env, requireSecrets } from "../lib/env";
import { isAppError } from "../lib/errors";
import { checkPostgres } from "../lib/jobs/check-services";
import { closeQueues } from "../lib/jobs/get-queue";
import { requestTrackingProcessing } from "../lib/jobs/request-tracking-processing";
import { createIngestServer } from "../lib/tracking/create-ingest-server";

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const processes = env().INGEST_PROCESSES;
const port = env().INGEST_PORT;
let stopping = false;

if (cluster.isPrimary) {
  try {
    // Before the cluster forks: the processes it starts inherit the secret read (or written) here.
    requireSecrets();
    await checkPostgres();
  } catch (e) {
    console.error(isAppError(e) ? e.message : e);
    process.exit(1);
  }
}

if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === processes)
      log(`Tailor tracking API: ${processes} processes listening on http://localhost:${port}/api/v1 (primary pid ${process.pid})`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`Tracking API process ${worker.process.pid} ended (${signal ?? `code ${code}`}); starting another.`);
    cluster.fork();
  });
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: the tracking API processes answer the calls in flight, then stop.`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
} else {
  const ingest = createIngestServer({ onCommitted: (stored) => stored > 0 && requestTrackingProcessing() });
  ingest.server.listen(port, () => {
    if (cluster.isPrimary) log(`Tailor tracking API listening on http://localhost:${port}/api/v1 (pid ${process.pid})`);
  });

  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      // A cluster process may get the signal twice (from the terminal's group and from the primary).
      if (cluster.isPrimary) process.exit(1);
      return;
    }
    stopping = true;
    if (cluster.isPrimary) log(`${signal}: answering the calls in flight, then stopping.`);
    await ingest.close();
    await closeQueues();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
