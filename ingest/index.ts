// The tracking API process: npm run ingest (tsx ingest/index.ts), started by npm start beside the
// web app and the workers. Plain node:http; every call is committed in Postgres before its 200.
import { disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { isAppError } from "../lib/errors";
import { checkPostgres } from "../lib/jobs/check-services";
import { closeQueues } from "../lib/jobs/get-queue";
import { requestTrackingProcessing } from "../lib/jobs/request-tracking-processing";
import { createIngestServer } from "../lib/tracking/create-ingest-server";

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

try {
  await checkPostgres();
} catch (e) {
  console.error(isAppError(e) ? e.message : e);
  process.exit(1);
}

const ingest = createIngestServer({ onCommitted: (stored) => stored > 0 && requestTrackingProcessing() });
const port = env().INGEST_PORT;
ingest.server.listen(port, () => log(`Tailor tracking API listening on http://localhost:${port}/api/v1 (pid ${process.pid})`));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) process.exit(1);
  stopping = true;
  log(`${signal}: answering the calls in flight, then stopping.`);
  await ingest.close();
  await closeQueues();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
