// The worker process: npm run worker (tsx workers/index.ts). Runs the queued jobs (imports, …).
import { disconnectDb } from "../lib/db";
import { env, requireSecrets } from "../lib/env";
import { isAppError } from "../lib/errors";
import { checkPostgres, checkRedis } from "../lib/jobs/check-services";
import { closeQueues } from "../lib/jobs/get-queue";
import { redisAddress } from "../lib/jobs/redis-connection";
import { startWorkers } from "./start-workers";
import { startOutboxServer, type OutboxServer } from "../lib/sending/outbox-server";
import { closeTransports } from "../lib/sending/smtp-transport";
import { closeSendLedger } from "../lib/campaigns/send-dispatcher";

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

try {
  // The installation's secret (read from .env.local, or written there on first run outside production).
  requireSecrets();
  await checkPostgres();
  await checkRedis();
} catch (e) {
  console.error(isAppError(e) ? e.message : e);
  process.exit(1);
}

// Development: no SMTP_URL, so this process runs the Outbox (an embedded SMTP server) that every send goes to.
let outbox: OutboxServer | null = null;
if (!env().SMTP_URL) {
  try {
    outbox = await startOutboxServer({ log });
    log(`Outbox SMTP server listening on 127.0.0.1:${outbox.port} (SMTP_URL is unset: messages are kept on the Outbox page)`);
  } catch (e) {
    log(
      `Outbox SMTP server not started on port ${env().OUTBOX_SMTP_PORT} (${e instanceof Error ? e.message : String(e)}): another process may run it.`,
    );
  }
}

const workers = startWorkers({ log });
log(
  `Tailor worker started: queues ${workers.names.join(", ")} (prefix ${env().QUEUE_PREFIX}) on Redis ${redisAddress()}, pid ${process.pid}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log(`${signal} again: stopping now; running jobs will be retried.`);
    await workers.close({ force: true });
    process.exit(1);
  }
  stopping = true;
  log(`${signal}: finishing running jobs, then stopping (send ${signal} again to stop at once).`);
  await workers.close();
  await outbox?.close();
  closeTransports();
  await closeSendLedger();
  await closeQueues();
  await disconnectDb();
  log("Tailor worker stopped.");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("unhandledRejection", (e) => log(`Unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
