import { access } from "node:fs/promises";
import { systemActor } from "../../../audit/write-audit-log";
import { createImportRecord } from "../../create-import-record";
import { runImport } from "../../run-import";
import { describe, expect, it } from "vitest";
import { emptyTablesBeforeEach } from "../../../../test/empty-tables";
import { db } from "../../../db";
import { customerByEmail, importTestFile, rejectionsOf, writeTestFile } from "../../../../test/import-test-file";
import { SHOPIFY_ORDER_COLUMNS as COLUMNS } from "../../../../test/shopify-export-columns";

/** One export row: the order's own fields only when `order` is given (its first row). */
function line(name: string, item: { qty: string; title: string; price: string; sku: string }, order?: Record<string, string>): string {
  const v: Record<string, string> = {
    Name: name,
    "Lineitem quantity": item.qty,
    "Lineitem name": item.title,
    "Lineitem price": item.price,
    "Lineitem sku": item.sku,
    ...(order ?? {}),
  };
  return COLUMNS.map((c) => {
    const value = v[c] ?? "";
    return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }).join(",");
}

const first = (o: Record<string, string>) => ({
  "Financial Status": "paid",
  Currency: "EUR",
  "Billing Name": "Mia Rossi",
  "Billing Country": "IT",
  "Billing City": "Roma",
  ...o,
});

const FILE = [
  COLUMNS.join(","),
  line(
    "#1001",
    { qty: "2", title: "Mug", price: "12.50", sku: "MUG-1" },
    first({ Email: "mia@example.com", Subtotal: "40.00", Shipping: "5.00", Total: "45.00", "Created at": "2024-03-05 10:15:00 +0100" }),
  ),
  line("#1001", { qty: "1", title: "Teapot", price: "15.00", sku: "POT-1" }),
  line("#1001", { qty: "1", title: 'Gift card "Spring"', price: "0.00", sku: "" }),
  line(
    "#1002",
    { qty: "1", title: "Mug", price: "12.50", sku: "MUG-1" },
    first({
      Email: "mia@example.com",
      Total: "12.50",
      "Created at": "2024-03-10 09:00:00 +0100",
      "Financial Status": "partially_refunded",
      "Refunded Amount": "5.00",
    }),
  ),
  line(
    "#1003",
    { qty: "3", title: "Plate", price: "8.00", sku: "PL-1" },
    first({
      Email: "leo@example.com",
      "Billing Name": "Leo Bianchi",
      Total: "24.00",
      "Created at": "2024-03-11 12:00:00 +0100",
      "Cancelled at": "2024-03-12 08:00:00 +0100",
      "Financial Status": "refunded",
      "Refunded Amount": "24.00",
    }),
  ),
  line(
    "#1004",
    { qty: "two", title: "Cup", price: "3.00", sku: "CUP" },
    first({ Email: "leo@example.com", Total: "6.00", "Created at": "2024-03-12 12:00:00 +0100" }),
  ),
  line(
    "#1005",
    { qty: "1", title: "Cup", price: "3.00", sku: "CUP" },
    first({ Email: "", Total: "3.00", "Created at": "2024-03-13 12:00:00 +0100" }),
  ),
  "",
].join("\n");

const order = (orderNumber: string) =>
  db.order.findUnique({
    where: { source_orderNumber: { source: "shopify", orderNumber } },
    include: { lines: { orderBy: { position: "asc" } } },
  });

emptyTablesBeforeEach("customers", "products", "import_jobs", "audit_log");

describe("importing a Shopify order export", () => {
  it("keeps an order's line items together, its fields from its first row; refunds and cancellations reduce revenue", async () => {
    const report = await importTestFile({ kind: "shopify-orders", name: "orders_export.csv", content: FILE });
    // 5 purchase lines with a buyer + 1 refund + 1 cancellation reversal; #1004 rejected; #1005 has no email.
    expect(report).toMatchObject({ rowsRead: 7, imported: 7, rejected: 1, withoutCustomer: 1, alreadyPresent: 0 });
    expect(report.details).toMatchObject({ ordersCreated: 5, customersCreated: 2 });

    const o1 = await order("#1001");
    expect(o1).toMatchObject({ kind: "purchase", currency: "EUR", country: "IT" });
    expect(o1?.total.toString()).toBe("45");
    expect(o1?.placedAt.toISOString()).toBe("2024-03-05T09:15:00.000Z");
    expect(o1?.lines.map((l) => [l.position, l.sku, l.quantity, l.unitPrice.toString(), l.lineTotal.toString(), l.description])).toEqual([
      [1, "MUG-1", 2, "12.5", "25", "Mug"],
      [2, "POT-1", 1, "15", "15", "Teapot"],
      [3, "", 1, "0", "0", 'Gift card "Spring"'],
    ]);
    expect((await order("#1002/refund"))?.total.toString()).toBe("-5");
    expect((await order("#1002/refund"))?.kind).toBe("adjustment");
    const cancelled = await order("#1003/cancelled");
    expect(cancelled).toMatchObject({ kind: "cancellation" });
    expect(cancelled?.total.toString()).toBe("-24");
    expect(cancelled?.placedAt.toISOString()).toBe("2024-03-12T07:00:00.000Z");
    expect(await order("#1003/refund")).toBeNull();

    const mia = await customerByEmail("mia@example.com");
    expect(mia).toMatchObject({ firstName: "Mia", lastName: "Rossi", country: "IT", city: "Roma" });
    const revenue = await db.order.aggregate({ where: { customerId: mia!.id }, _sum: { total: true } });
    expect(revenue._sum.total?.toString()).toBe("52.5");
    expect((await customerByEmail("leo@example.com"))?.id).toBeDefined();

    const rejected = await rejectionsOf(report.id);
    expect(rejected).toMatchObject([{ rowNumber: 6, field: "Lineitem quantity", reason: 'not a whole number: "two"' }]);
  });

  it("adds only the new orders of an overlapping export", async () => {
    await importTestFile({ kind: "shopify-orders", name: "a.csv", content: FILE });
    const more = [
      FILE.trimEnd(),
      line(
        "#1006",
        { qty: "1", title: "Mug", price: "12.50", sku: "MUG-1" },
        first({ Email: "new@example.com", Total: "12.50", "Created at": "2024-03-20 10:00:00 +0100" }),
      ),
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "shopify-orders", name: "b.csv", content: more });
    expect(report).toMatchObject({ rowsRead: 8, imported: 1, alreadyPresent: 7 });
    expect(report.details).toMatchObject({ ordersCreated: 1, customersCreated: 1 });
    expect(await db.order.count()).toBe(6);
  });

  it("ends with the same data as a clean run when a run is killed mid-merge, then run again", async () => {
    const controller = new AbortController();
    const killed = importTestFile({
      kind: "shopify-orders",
      name: "a.csv",
      content: FILE,
      signal: controller.signal,
      onProgress: (p) => p.phase === "orders" && controller.abort(),
    });
    await expect(killed).rejects.toThrow(/cancelled/);
    expect(await db.order.count()).toBe(0);
    expect(await db.customer.count()).toBe(0);
    const rerun = await importTestFile({ kind: "shopify-orders", name: "a.csv", content: FILE });
    expect(rerun).toMatchObject({ imported: 7, alreadyPresent: 0 });
    expect(await db.order.count()).toBe(5);
    expect(await db.orderLine.count()).toBe(7);
  });

  it("imports a voided order as cancelled, waits for pending and authorized ones to be paid, and counts orders per status", async () => {
    const at = (d: string) => `2024-04-${d} 10:00:00 +0000`;
    const statusFile = (pendingStatus: string) =>
      [
        COLUMNS.join(","),
        line(
          "#2001",
          { qty: "1", title: "Mug", price: "10.00", sku: "MUG-1" },
          first({ Email: "ana@example.com", Total: "10.00", "Created at": at("01") }),
        ),
        line(
          "#2002",
          { qty: "2", title: "Vase", price: "20.00", sku: "VASE" },
          first({ Email: "ana@example.com", Total: "40.00", "Created at": at("02"), "Financial Status": "voided" }),
        ),
        line("#2002", { qty: "1", title: "Card", price: "0.00", sku: "" }),
        line(
          "#2003",
          { qty: "1", title: "Bowl", price: "30.00", sku: "BOWL" },
          first({ Email: "ana@example.com", Total: "30.00", "Created at": at("03"), "Financial Status": pendingStatus }),
        ),
        line(
          "#2004",
          { qty: "1", title: "Jug", price: "25.00", sku: "JUG" },
          first({ Email: "ana@example.com", Total: "25.00", "Created at": at("04"), "Financial Status": "authorized" }),
        ),
        "",
      ].join("\n");
    const report = await importTestFile({ kind: "shopify-orders", name: "statuses.csv", content: statusFile("pending") });
    expect(report.details).toMatchObject({
      financialStatusPaid: 1,
      financialStatusVoided: 1,
      financialStatusPending: 1,
      financialStatusAuthorized: 1,
    });
    const voided = await order("#2002/cancelled");
    expect(voided).toMatchObject({ kind: "cancellation" });
    expect(voided?.total.toString()).toBe("-40");
    expect(voided?.placedAt.toISOString()).toBe("2024-04-02T10:00:00.000Z");
    expect(await order("#2003")).toBeNull();
    expect(await order("#2004")).toBeNull();
    const ana = await customerByEmail("ana@example.com");
    const revenue = await db.order.aggregate({ where: { customerId: ana!.id }, _sum: { total: true } });
    expect(revenue._sum.total?.toString()).toBe("10"); // the voided order's total is not revenue
    const stored = await db.importJob.findUniqueOrThrow({ where: { id: report.id }, select: { details: true } });
    expect(stored.details).toMatchObject({ financialStatusVoided: 1, financialStatusPending: 1 });

    // A later export shows #2003 paid: it becomes a purchase then.
    const later = await importTestFile({ kind: "shopify-orders", name: "later.csv", content: statusFile("paid") });
    expect(later.details).toMatchObject({ financialStatusPaid: 2, financialStatusAuthorized: 1 });
    expect((await order("#2003"))?.kind).toBe("purchase");
    expect(await order("#2004")).toBeNull();
  });

  it("deletes an uploaded file once processed", async () => {
    const filePath = await writeTestFile("upload.csv", FILE);
    const { id } = await createImportRecord({ kind: "shopify-orders", fileName: "upload.csv", options: { deleteFileAfter: true } });
    await runImport({ importJobId: id, filePath, actor: systemActor("cli") });
    await expect(access(filePath)).rejects.toThrow(/ENOENT/);
    expect((await db.importJob.findUniqueOrThrow({ where: { id } })).status).toBe("succeeded");
  });
});
