import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { createImportRecord } from "./create-import-record";
import { purgeExpiredRejections } from "./purge-expired-rejections";
import { importTestFile } from "../../test/import-test-file";
import { cancelImport } from "./cancel-import";

const actor = { id: null, label: "tester" };

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, import_jobs, audit_log RESTART IDENTITY CASCADE");
});

function bigCustomerFile(rows: number): string {
  const lines = ["Email,First Name,Customer ID"];
  for (let i = 0; i < rows; i++) lines.push(`person${i}@example.com,P${i},${i}`);
  return lines.join("\n") + "\n";
}

describe("cancelling an import", () => {
  it("cancels a queued import at once", async () => {
    const { id } = await createImportRecord({ kind: "shopify-customers", fileName: "x.csv" });
    expect(await cancelImport({ id, actor })).toEqual({ status: "cancelled" });
    expect(await db.importJob.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "cancelled" });
    await expect(cancelImport({ id, actor })).rejects.toThrow(/nothing to cancel/);
    expect(await db.auditLog.count({ where: { action: "import.cancel_requested", targetId: id } })).toBe(1);
  });

  it("stops a running import, which rolls back: nothing of the file is stored", async () => {
    let requested = false;
    const run = importTestFile({
      kind: "shopify-customers",
      name: "big.csv",
      content: bigCustomerFile(80_000),
      onProgress: (p) => {
        if (p.phase === "reading" && !requested) {
          requested = true;
          void db.importJob.findFirstOrThrow({ where: { status: "running" } }).then((job) => cancelImport({ id: job.id, actor }));
        }
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(await db.importJob.findFirst()).toMatchObject({ status: "cancelled" });
    expect(await db.customer.count()).toBe(0);
  });
});

describe("rejected rows", () => {
  it("are deleted 30 days after their import finished", async () => {
    const report = await importTestFile({ kind: "shopify-customers", name: "x.csv", content: "Email,Customer ID\nnot-an-email,1\n" });
    expect(await db.importRejection.count()).toBe(1);
    expect(await purgeExpiredRejections({ now: new Date(report.finishedAt.getTime() + 29 * 86_400_000) })).toBe(0);
    expect(await purgeExpiredRejections({ now: new Date(report.finishedAt.getTime() + 31 * 86_400_000) })).toBe(1);
    expect(await db.importJob.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ rejected: 1 });
  });
});
