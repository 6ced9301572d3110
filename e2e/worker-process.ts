import { spawn, type ChildProcess } from "node:child_process";
import { childProcessEnv } from "../lib/env";
import { E2E_DATABASE_URL, E2E_PORT, E2E_QUEUE_PREFIX } from "./e2e-env";

/** Starts the worker process on the browser tests' database and queues (as `npm start` does); resolves once it listens. */
export async function startWorkerProcess(): Promise<ChildProcess> {
  const worker = spawn("npx", ["tsx", "workers/index.ts"], {
    // The web app's address, as `npm start` gives both: links in emails (tracked clicks, unsubscribe) point at it.
    env: childProcessEnv({ DATABASE_URL: E2E_DATABASE_URL, QUEUE_PREFIX: E2E_QUEUE_PREFIX, NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}` }),
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Tailor worker started") && resolve());
    worker.on("exit", (code) => reject(new Error(`the worker exited (${code})`)));
  });
  return worker;
}

/** Stops a worker started by startWorkerProcess (its whole process group). */
export function stopWorkerProcess(worker: ChildProcess | undefined): void {
  if (worker?.pid) process.kill(-worker.pid, "SIGTERM");
}
