import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "../../../audit/write-audit-log";
import { db } from "../../../db";
import { env } from "../../../env";
import { createImportRecord } from "../../create-import-record";
import { runImport } from "../../run-import";
import type { ImportProgress } from "../../format-schemas";
import { clearRetailData, fixturePath, importFixture, snapshotRetailData } from "../../../../test/fixtures/online-retail-fixture";

const SAMPLE = "retail-sample.csv";

async function order(orderNumber: string) {
  return db.order.findUniqueOrThrow({
    where: { source_orderNumber: { source: "online-retail", orderNumber } },
    include: { lines: { orderBy: { position: "asc" } }, customer: { include: { identities: true } } },
  });
}

/** Imports the sample's header and its first `lines` data lines (a file of its own). */
async function importSampleHead(lines: number) {
  const [header, ...rows] = (await readFile(fixturePath(SAMPLE), "utf8")).trimEnd().split("\n");
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "retail-head-")), "head.csv");
  await writeFile(file, [header, ...rows.slice(0, lines)].join("\n") + "\n");
  const { id } = await createImportRecord({ kind: "online-retail", fileName: "head.csv" });
  return runImport({ importJobId: id, filePath: file, actor: systemActor("cli") });
}

const orderLineIndexes = () =>
  db.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE tablename = 'order_lines' ORDER BY indexname`;

async function setTimeZone(timeZone: string) {
  await db.setting.upsert({ where: { id: 1 }, create: { id: 1, timeZone }, update: { timeZone } });
}

beforeEach(async () => {
  await clearRetailData();
  await setTimeZone("UTC");
});

describe("importing the Online Retail file", () => {
  it("stores customers, products, orders and lines, and reports the figures", async () => {
    const progress: ImportProgress[] = [];
    const report = await importFixture({ file: SAMPLE, onProgress: (p) => progress.push(p) });

    expect(report).toMatchObject({ rowsRead: 27, imported: 24, alreadyPresent: 0, withoutCustomer: 3, rejected: 0, dryRun: false });
    expect(await db.customer.count()).toBe(7);
    expect(await db.identity.count({ where: { type: "external_id", source: "online-retail" } })).toBe(7);
    expect(await db.order.count()).toBe(13);
    expect(await db.order.groupBy({ by: ["kind"], _count: true, orderBy: { kind: "asc" } })).toEqual([
      { kind: "purchase", _count: 10 },
      { kind: "cancellation", _count: 2 },
      { kind: "adjustment", _count: 1 },
    ]);
    expect(await db.orderLine.count()).toBe(24);
    expect(await db.product.count()).toBe(18);

    const job = await db.importJob.findUniqueOrThrow({ where: { id: report.id } });
    expect(job).toMatchObject({
      status: "succeeded",
      progress: 100,
      phase: "done",
      rowsRead: 27,
      imported: 24,
      withoutCustomer: 3,
      error: null,
    });
    expect(job.startedAt).toBeInstanceOf(Date);
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(progress[0]?.phase).toBe("reading");
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(["customers", "orders", "order lines", "done"]));
    expect(progress.at(-1)).toMatchObject({ phase: "done", percent: 100 });

    const audit = await db.auditLog.findMany({ where: { targetType: "import_job", targetId: report.id } });
    expect(audit).toMatchObject([{ action: "import.succeeded", actorLabel: "cli", actorId: null }]);
  });

  it("attaches cancellations and rows without a customer correctly", async () => {
    await importFixture({ file: SAMPLE });
    const cancellation = await order("C536379");
    expect(cancellation.kind).toBe("cancellation");
    expect(cancellation.total.toString()).toBe("-27.5");
    expect(cancellation.customer.identities.map((i) => i.value)).toEqual(["14527"]);
    expect((await order("A563185")).kind).toBe("adjustment");
    // Rows without CustomerID are stored nowhere.
    expect(await db.order.count({ where: { orderNumber: { in: ["536368", "536369", "536372"] } } })).toBe(0);
    expect(await db.orderLine.count({ where: { sku: { in: ["22960", "21756", "22632"] } } })).toBe(0);
    expect(await db.product.count({ where: { sku: { in: ["22960", "21756", "22632"] } } })).toBe(0);
  });

  it("keeps split invoices together, positions in file order, placed at the earliest line", async () => {
    await importFixture({ file: SAMPLE });
    const split = await order("542806");
    expect(split.lines.map((l) => [l.position, l.sku, l.quantity])).toEqual([
      [1, "22423", 2],
      [2, "84997B", 6],
      [3, "84997B", 6],
    ]);
    expect(split.total.toString()).toBe("70.5");

    const twoTimes = await order("536591");
    expect(twoTimes.placedAt.toISOString()).toBe("2010-12-01T16:57:00.000Z");
    expect(twoTimes.lines.map((l) => l.placedAt.toISOString())).toEqual([
      "2010-12-01T16:58:00.000Z",
      "2010-12-01T16:57:00.000Z",
      "2010-12-01T16:58:00.000Z",
    ]);
    expect(twoTimes.total.toString()).toBe("110.4");
  });

  it("keeps decimals exact, descriptions trimmed, and the latest country and description", async () => {
    await importFixture({ file: SAMPLE });
    const manual = await order("536371");
    expect(manual.lines.map((l) => [l.unitPrice.toString(), l.lineTotal.toString()])).toEqual([
      ["0.001", "0.003"],
      ["0.1", "0.1"],
      ["0.2", "0.2"],
    ]);
    expect(manual.total.toString()).toBe("0.303");
    const mixed = await order("536370");
    expect(mixed.total.toString()).toBe("35.25");
    expect(mixed.lines.map((l) => [l.quantity, l.description])).toEqual([
      [-5, "PINK KITCHEN TIMER"],
      [3, "POSTAGE"],
      [1, ""],
    ]);
    expect((await order("536365")).lines[0]?.description).toBe("WHITE STAR CANDLE HOLDER");

    const identity = await db.identity.findUniqueOrThrow({
      where: { type_source_value: { type: "external_id", source: "online-retail", value: "12347" } },
      include: { customer: true },
    });
    expect(identity.customer.country).toBe("IS"); // Iceland, stored as its code; its Portugal row comes later in the file but earlier in time
    expect(identity.customer.firstSeenAt?.toISOString()).toBe("2011-01-05T12:00:00.000Z");
    expect(identity.customer.lastSeenAt?.toISOString()).toBe("2011-02-01T10:00:00.000Z");

    const names = await db.product.findMany({ where: { sku: { in: ["22423", "85123A", "22326"] } }, orderBy: { sku: "asc" } });
    expect(names.map((p) => [p.sku, p.name])).toEqual([
      ["22326", ""],
      ["22423", "PORCELAIN CAKE STAND 2 TIER"],
      ["85123A", "CREAM STAR CANDLE HOLDER"],
    ]);
  });

  it("imports again without changing anything", async () => {
    await importFixture({ file: SAMPLE });
    const before = await snapshotRetailData();
    const again = await importFixture({ file: SAMPLE });
    expect(again).toMatchObject({ rowsRead: 27, imported: 0, alreadyPresent: 24, withoutCustomer: 3, rejected: 0 });
    expect(again.details).toMatchObject({
      customersCreated: 0,
      customersUpdated: 0,
      ordersCreated: 0,
      productsCreated: 0,
      productsRenamed: 0,
    });
    expect(await snapshotRetailData()).toEqual(before);
  });

  it("ends with the same data as a clean run when a run is aborted mid-merge or fails after staging", async () => {
    await importFixture({ file: SAMPLE });
    const clean = await snapshotRetailData();
    await clearRetailData();

    const controller = new AbortController();
    const aborted = importFixture({
      file: SAMPLE,
      signal: controller.signal,
      onProgress: (p) => p.phase === "order lines" && controller.abort(),
    });
    await expect(aborted).rejects.toThrow(/cancelled/);
    expect(await db.customer.count()).toBe(0);
    expect(await db.order.count()).toBe(0);
    expect(await db.importJob.findFirst({ where: { status: "cancelled" } })).toMatchObject({ error: expect.stringMatching(/cancelled/) });

    const crashed = importFixture({
      file: SAMPLE,
      onProgress: (p) => {
        if (p.phase === "products") throw new Error("simulated crash");
      },
    });
    await expect(crashed).rejects.toThrow("simulated crash");
    expect(await db.product.count()).toBe(0);
    expect(await db.importJob.findFirst({ where: { status: "failed" } })).toMatchObject({
      error: expect.stringMatching(/simulated crash/),
    });

    const rerun = await importFixture({ file: SAMPLE });
    expect(rerun.imported).toBe(24);
    expect(await snapshotRetailData()).toEqual(clean);
    const tables = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_tables WHERE tablename LIKE 'staging_online_retail_%'`;
    expect(Number(tables[0]?.n)).toBe(0);
  });

  it("records unreadable rows with row number, field and reason, and imports the rest", async () => {
    const report = await importFixture({ file: "retail-rejects.csv" });
    expect(report).toMatchObject({ rowsRead: 8, rejected: 5, imported: 2, withoutCustomer: 1, alreadyPresent: 0 });
    const rejections = await db.importRejection.findMany({
      where: { importJobId: report.id },
      orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
    });
    expect(rejections.map((r) => [r.rowNumber, r.field])).toEqual([
      [2, "InvoiceDate"],
      [3, "Quantity"],
      [4, "UnitPrice"],
      [5, "InvoiceNo"],
      [7, "row"],
      [7, "UnitPrice"],
    ]);
    expect(rejections[0]?.reason).toMatch(/unreadable date "2010-13-01 08:26:00"/);
    expect(rejections[1]?.reason).toBe('not a whole number: "1.5"');
    expect(rejections[2]?.raw).toContain("0.0005");
    expect(rejections[4]?.reason).toBe("expected 8 fields, found 5");
    expect((await db.orderLine.findMany({ select: { sku: true }, orderBy: { sku: "asc" } })).map((l) => l.sku)).toEqual([
      "22960",
      "85123A",
    ]);
  });

  it("validates only on a dry run", async () => {
    const report = await importFixture({ file: "retail-rejects.csv", dryRun: true });
    expect(report).toMatchObject({ dryRun: true, rowsRead: 8, rejected: 5, imported: 2, withoutCustomer: 1 });
    expect(await db.importRejection.count({ where: { importJobId: report.id } })).toBe(6);
    expect(await db.customer.count()).toBe(0);
    expect(await db.order.count()).toBe(0);
    expect(await db.product.count()).toBe(0);

    await importFixture({ file: SAMPLE });
    expect(await importFixture({ file: SAMPLE, dryRun: true })).toMatchObject({ imported: 0, alreadyPresent: 24 });
  });

  it("reads timestamps in the installation's time zone", async () => {
    await setTimeZone("Europe/London");
    await importFixture({ file: SAMPLE });
    expect((await order("A563185")).placedAt.toISOString()).toBe("2011-08-12T13:50:00.000Z"); // BST
    expect((await order("581587")).placedAt.toISOString()).toBe("2011-12-09T12:50:00.000Z"); // GMT
  });

  it("fails clearly on a missing file, a file of another kind, or an unknown time zone", async () => {
    await expect(importFixture({ file: "no-such-file.csv" })).rejects.toThrow(/File not found: .*no-such-file\.csv/);
    await expect(importFixture({ file: "online-retail-fixture.ts" })).rejects.toThrow(/not an Online Retail file/);
    await setTimeZone("Mars/Olympus");
    await expect(importFixture({ file: SAMPLE })).rejects.toThrow(/time zone "Mars\/Olympus"/);
    const failed = await db.importJob.findMany({ where: { status: "failed" } });
    expect(failed).toHaveLength(3);
    expect(await db.auditLog.count({ where: { action: "import.failed" } })).toBe(3);
  });

  it("adds only what is new from an overlapping file: lines of known invoices, new invoices, wider customer dates", async () => {
    await importFixture({ file: SAMPLE });
    const clean = await snapshotRetailData();
    await clearRetailData();

    // The head ends inside invoice 536591 (two of its three lines).
    const head = await importSampleHead(18);
    expect(head).toMatchObject({ rowsRead: 18, imported: 16, withoutCustomer: 2 });
    expect((await order("536591")).lines).toHaveLength(2);
    const full = await importFixture({ file: SAMPLE });
    expect(full).toMatchObject({ rowsRead: 27, imported: 8, alreadyPresent: 16, withoutCustomer: 3 });
    expect(full.details).toMatchObject({ customersCreated: 1, ordersCreated: 5 });
    const split = await order("536591");
    expect(split.lines.map((l) => l.position)).toEqual([1, 2, 3]);
    expect(split.total.toString()).toBe("110.4");
    expect(await snapshotRetailData()).toEqual(clean);
  });

  it("rebuilds the order lines' indexes for a big import, and keeps them when a reader holds the table", async () => {
    const before = await orderLineIndexes();
    expect(before.length).toBeGreaterThanOrEqual(3);
    await importFixture({ file: SAMPLE });
    expect(await orderLineIndexes()).toEqual(before);
    await clearRetailData();

    const reader = new pg.Client({ connectionString: env().DATABASE_URL });
    await reader.connect();
    try {
      await reader.query("BEGIN");
      await reader.query("SELECT count(*) FROM order_lines");
      const report = await importFixture({ file: SAMPLE });
      expect(report.imported).toBe(24);
      await reader.query("COMMIT");
    } finally {
      await reader.end();
    }
    expect(await orderLineIndexes()).toEqual(before);
    expect(await db.orderLine.count()).toBe(24);
  });

  it("refreshes the customers' features and RFM scores before it reports done", async () => {
    const report = await importFixture({ file: SAMPLE });
    expect(report.details.featuresRefreshed).toBe(7);
    const features = await db.customerFeature.findMany({
      orderBy: { customerId: "asc" },
      include: { customer: { include: { identities: true } } },
    });
    expect(features).toHaveLength(7);
    const byExt = new Map(features.map((f) => [f.customer.identities[0]?.value, f]));
    // 17850: purchases 536365, 536366 and 581587; 14527 only a cancellation (no purchase, no scores).
    expect(byExt.get("17850")).toMatchObject({ frequency: 3, rfmCode: expect.stringMatching(/^[1-5]{3}$/) });
    expect(byExt.get("14527")).toMatchObject({ frequency: 0, rScore: null, rfmCode: null });
    expect(byExt.get("14527")?.monetary.toString()).toBe("-27.5");
  });
});
