import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { setEnv } from "../lib/env";
import { fixturePath } from "../test/fixtures/online-retail-fixture";
import { createImportJob } from "../lib/jobs/create-import-job";
import { closeQueues, getQueue } from "../lib/jobs/get-queue";
import { importFileJob } from "../lib/jobs/import-file-job";
import { startWorkers, type RunningWorkers } from "./start-workers";

let workers: RunningWorkers;

beforeAll(() => {
  workers = startWorkers({ log: () => undefined });
});

afterAll(async () => {
  await workers.close();
  await closeQueues();
});

async function waitForImport(id: string) {
  for (let i = 0; i < 600; i++) {
    const job = await db.importJob.findUniqueOrThrow({ where: { id } });
    if (job.status === "succeeded" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

describe("the import job on a real BullMQ worker and Redis", () => {
  it("runs a queued import with progress, attributed to the user who queued it", async () => {
    const user = await db.user.create({ data: { email: "ops@example.com", passwordHash: "x", role: "admin" } });
    const id = await createImportJob({
      kind: "online-retail",
      fileName: "sample.csv",
      filePath: fixturePath("retail-sample.csv"),
      actor: { id: user.id, label: user.email },
    });
    expect(await db.importJob.findUniqueOrThrow({ where: { id } })).toMatchObject({ createdById: user.id });

    const done = await waitForImport(id);
    expect(done).toMatchObject({
      error: null,
      status: "succeeded",
      progress: 100,
      rowsRead: 27,
      imported: 24,
      withoutCustomer: 3,
      rejected: 0,
    });
    expect(await db.orderLine.count()).toBe(24);

    const job = await getQueue(importFileJob.name).getJob(id);
    expect(job?.data).toEqual({ importJobId: id, filePath: fixturePath("retail-sample.csv") });
    await expect.poll(async () => (await getQueue(importFileJob.name).getJob(id))?.progress, { timeout: 10_000 }).toBe(100);
    // The audit entry is written just after the status: on a busy machine the test can look in between.
    await expect
      .poll(() => db.auditLog.findMany({ where: { targetId: id } }), { timeout: 10_000 })
      .toMatchObject([{ action: "import.succeeded", actorId: user.id, actorLabel: user.email }]);
  });

  it("fails for good, without retrying, when the file is missing", async () => {
    const id = await createImportJob({
      kind: "online-retail",
      fileName: "gone.csv",
      filePath: "/nonexistent/gone.csv",
      actor: systemActor("system"),
    });
    const done = await waitForImport(id);
    expect(done.error).toBe("File not found: /nonexistent/gone.csv");
    // Read the job once BullMQ has recorded the attempt (the row is marked failed just before).
    await expect.poll(async () => (await getQueue(importFileJob.name).getJob(id))?.finishedOn, { timeout: 10_000 }).toBeTruthy();
    const job = await getQueue(importFileJob.name).getJob(id);
    expect(job?.attemptsMade).toBe(1);
    await expect
      .poll(() => db.auditLog.findMany({ where: { targetId: id } }), { timeout: 10_000 })
      .toMatchObject([{ action: "import.failed", actorId: null, actorLabel: "worker" }]);
  });

  it("marks the import failed and says so when Redis is not answering", async () => {
    const restore = setEnv({ REDIS_URL: "redis://127.0.0.1:1" });
    try {
      await expect(
        createImportJob({ kind: "online-retail", fileName: "x.csv", filePath: "/tmp/x.csv", actor: systemActor("system") }),
      ).rejects.toThrow(/Redis is not answering at 127\.0\.0\.1:1/);
      expect(await db.importJob.findFirst({ where: { fileName: "x.csv" } })).toMatchObject({ status: "failed" });
    } finally {
      restore();
    }
  });
});
