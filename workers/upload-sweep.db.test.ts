import { existsSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { setEnv } from "../lib/env";

const dir = mkdtempSync(path.join(os.tmpdir(), "tailor-upload-sweep-"));
setEnv({ UPLOAD_DIR: dir });
const { startWorkers } = await import("./start-workers");

it("the worker sweeps uploads older than a day when it starts (and every hour)", async () => {
  const stale = path.join(dir, "44444444-4444-4444-8444-444444444444.upload");
  writeFileSync(stale, "email\nann@x.test\n");
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(stale, twoDaysAgo, twoDaysAgo);
  const workers = startWorkers({ only: [], schedule: false, flows: false, log: () => undefined });
  try {
    await expect.poll(() => existsSync(stale), { timeout: 10_000 }).toBe(false);
  } finally {
    await workers.close();
  }
});
