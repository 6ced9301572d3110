import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { streamRejectionsCsv } from "../../stream-rejections-csv";
import type { ColumnMapping } from "../../format-schemas";
import { customerByEmail, importTestFile } from "../../../../test/import-test-file";
import { SHOPIFY_CUSTOMER_COLUMNS, SHOPIFY_ORDER_COLUMNS } from "../../../../test/shopify-export-columns";

const PEOPLE: ColumnMapping = {
  target: "customers",
  source: "my-crm",
  columns: {
    Email: "email",
    Name: "first_name",
    Phone: "phone",
    Joined: "signed_up_at",
    Newsletter: "email_consent",
    Since: "consent_date",
  },
};

const problemsOf = (importJobId: string) =>
  db.importRejection.findMany({
    where: { importJobId },
    orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
    select: { rowNumber: true, field: true, reason: true, kept: true },
  });

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, products, import_jobs, audit_log RESTART IDENTITY CASCADE");
});

describe("a row with one bad optional field", () => {
  it("is imported without that field, which is reported as skipped; a row that cannot say who it is stays rejected", async () => {
    const file = [
      "Email,Name,Phone,Joined,Newsletter,Since",
      "ann@example.com,Ann,not a phone,2024-01-05,yes,2024-01-05",
      "bob@example.com,Bob,,yesterday-ish,no,",
      "cat@example.com,Cat,,,maybe,",
      "dan@example.com,Dan,,,yes,31/31/2024",
      "eve@example.com,Eve,,,no,31/31/2024",
      "not-an-email,Fay,,,yes,2024-01-05",
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "csv", name: "crm.csv", content: file, options: { mapping: PEOPLE, dateOrder: "iso" } });
    expect(report).toMatchObject({ rowsRead: 6, imported: 5, rejected: 1, details: { rowsWithSkippedFields: 5 } });

    // The person is kept, the field is not.
    const ann = await customerByEmail("ann@example.com");
    expect(ann).toMatchObject({ firstName: "Ann", phone: null });
    expect(ann?.firstSeenAt?.toISOString()).toBe("2024-01-05T00:00:00.000Z");
    expect(ann?.consents).toMatchObject([{ purpose: "email_marketing", status: "granted" }]);
    expect((await customerByEmail("bob@example.com"))?.consents).toMatchObject([{ status: "denied" }]);
    // An unreadable yes/no records no consent; a grant with an unreadable date is not recorded, a refusal is.
    expect((await customerByEmail("cat@example.com"))?.consents).toEqual([]);
    expect((await customerByEmail("dan@example.com"))?.consents).toEqual([]);
    expect((await customerByEmail("eve@example.com"))?.consents).toMatchObject([{ status: "denied" }]);
    expect(await customerByEmail("not-an-email")).toBeNull();

    const problems = await problemsOf(report.id);
    expect(problems.map((p) => [p.rowNumber, p.field, p.kept])).toEqual([
      [1, "Phone", true],
      [2, "Joined", true],
      [3, "Newsletter", true],
      [4, "Since", true],
      [5, "Since", true],
      [6, "Email", false],
    ]);
    expect(problems[0]!.reason).toBe('not a phone number Tailor can read: "not a phone"; imported without a phone');
    expect(problems[3]!.reason).toMatch(/unreadable date "31\/31\/2024".*the consent was not recorded/);
    expect(problems[4]!.reason).toMatch(/the refusal was recorded as of the import/);

    // The download says which rows were imported without a field and which were rejected.
    const csv = await new Response(streamRejectionsCsv({ importJobId: report.id })).text();
    expect(csv.split("\r\n")[0]!.replace(/^\uFEFF/, "")).toBe("row,field,reason,original row,outcome");
    expect(csv).toContain("field skipped, row imported");
    expect(csv.split("\r\n").at(-2)).toMatch(/^6,Email,.*,row rejected$/);
  });

  it("keeps a Shopify customer whose phone cannot be read, and one whose marketing answer is not yes or no", async () => {
    const header = SHOPIFY_CUSTOMER_COLUMNS.join(",");
    const values = (id: string, email: string, accepts: string, phone: string) =>
      SHOPIFY_CUSTOMER_COLUMNS.map((c) =>
        c === "Customer ID" ? id : c === "Email" ? email : c === "Accepts Email Marketing" ? accepts : c === "Phone" ? phone : "",
      ).join(",");
    const file = [header, values("9001", "gia@example.com", "yes", "12"), values("9002", "hal@example.com", "perhaps", ""), ""].join("\n");
    const report = await importTestFile({ kind: "shopify-customers", name: "customers_export.csv", content: file });
    expect(report).toMatchObject({ rowsRead: 2, imported: 2, rejected: 0, details: { rowsWithSkippedFields: 2 } });
    expect(await customerByEmail("gia@example.com")).toMatchObject({ phone: null, consents: [{ status: "granted" }] });
    expect((await customerByEmail("hal@example.com"))?.consents).toEqual([]);
    expect((await problemsOf(report.id)).map((p) => [p.rowNumber, p.field, p.kept])).toEqual([
      [1, "Phone", true],
      [2, "Accepts Email Marketing", true],
    ]);
  });
});

const customerById = async (source: string, value: string) =>
  (await db.identity.findFirst({ where: { type: "external_id", source, value }, include: { customer: true } }))?.customer ?? null;

/** The installation's currency where Settings has none (the test database has no settings row). */
const DEFAULT_CURRENCY = "GBP";

const orderOf = (source: string, orderNumber: string) =>
  db.order.findUnique({ where: { source_orderNumber: { source, orderNumber } }, include: { lines: { orderBy: { position: "asc" } } } });

describe("an order line with one bad optional field", () => {
  /** One Shopify export row: the order's own fields only on its first row. */
  const shopifyLine = (v: Record<string, string>) => SHOPIFY_ORDER_COLUMNS.map((c) => v[c] ?? "").join(",");
  const order = (name: string, o: Record<string, string>) =>
    shopifyLine({
      Name: name,
      Email: "kim@example.com",
      "Financial Status": "paid",
      Currency: "EUR",
      Total: "20.00",
      "Created at": "2024-06-01 10:00:00 +0000",
      "Lineitem quantity": "2",
      "Lineitem name": "Mug",
      "Lineitem price": "10.00",
      "Lineitem sku": "MUG",
      ...o,
    });

  it("keeps a Shopify order whose total, currency, refund or cancellation date cannot be read; a bad order date still rejects it", async () => {
    const file = [
      SHOPIFY_ORDER_COLUMNS.join(","),
      order("#1", { Total: "twenty" }),
      shopifyLine({ Name: "#1", "Lineitem quantity": "1", "Lineitem name": "Cup", "Lineitem price": "5.00", "Lineitem sku": "CUP" }),
      order("#2", { Currency: "euros" }),
      order("#3", { "Financial Status": "partially_refunded", "Refunded Amount": "a bit" }),
      order("#4", { "Cancelled at": "the next day" }),
      order("#5", { "Created at": "sometime" }),
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "shopify-orders", name: "orders_export.csv", content: file });
    expect(report).toMatchObject({ rowsRead: 6, rejected: 1, details: { ordersCreated: 5, rowsWithSkippedFields: 4 } });

    // #1: the total is the sum of its lines (2 × 10 + 5).
    const o1 = await orderOf("shopify", "#1");
    expect(o1?.total.toString()).toBe("25");
    expect(o1?.lines).toHaveLength(2);
    // #2: in the installation's currency.
    expect((await orderOf("shopify", "#2"))?.currency).toBe(DEFAULT_CURRENCY);
    // #3: a purchase, without the refund.
    expect((await orderOf("shopify", "#3"))?.kind).toBe("purchase");
    expect(await orderOf("shopify", "#3/refund")).toBeNull();
    // #4: cancelled, though Tailor cannot read when: as of its order date, never counted as revenue.
    const cancelled = await orderOf("shopify", "#4/cancelled");
    expect(cancelled).toMatchObject({ kind: "cancellation" });
    expect(cancelled?.total.toString()).toBe("-20");
    expect(cancelled?.placedAt.toISOString()).toBe("2024-06-01T10:00:00.000Z");
    // #5: an order Tailor cannot date is not imported.
    expect(await orderOf("shopify", "#5")).toBeNull();

    expect((await problemsOf(report.id)).map((p) => [p.rowNumber, p.field, p.kept, p.reason])).toEqual([
      [1, "Total", true, 'not an amount: "twenty"; the order\'s total is the sum of its lines'],
      [3, "Currency", true, 'not a currency code: "euros"; imported in the currency of Settings → Currency'],
      [4, "Refunded Amount", true, 'not an amount: "a bit"; imported without the refund'],
      [5, "Cancelled at", true, 'unreadable date "the next day"; the order is imported as cancelled on its Created at date'],
      [6, "Created at", false, 'unreadable date "sometime"'],
    ]);
  });

  it("keeps a mapped order line whose currency, unit price or line total cannot be read (the other amount gives it); a bad amount, date or email still rejects it", async () => {
    const mapping: ColumnMapping = {
      target: "orders",
      source: "pos",
      columns: {
        Receipt: "order_number",
        Customer: "external_id",
        Mail: "email",
        Date: "placed_at",
        Qty: "quantity",
        Price: "unit_price",
        Total: "line_total",
        Currency: "currency",
      },
    };
    const file = [
      "Receipt,Customer,Mail,Date,Qty,Price,Total,Currency",
      "R1,p-1,lou@example.com,2024-06-01,2,10.00,20.00,dollars",
      "R2,p-1,lou@example.com,2024-06-02,2,10.00,n/a,EUR",
      "R3,p-1,lou@example.com,2024-06-03,4,?,20.00,EUR",
      "R4,p-1,lou@example.com,2024-06-04,1,7.00,7.00,EUR",
      "R5,p-1,lou@example.com,2024-06-05,1,?,??,EUR",
      "R6,p-1,lou@example.com,June,1,7.00,7.00,EUR",
      "R7,,not-an-email,2024-06-07,1,7.00,7.00,EUR",
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "csv", name: "pos.csv", content: file, options: { mapping, dateOrder: "iso" } });
    expect(report).toMatchObject({ rowsRead: 7, imported: 4, rejected: 3, details: { rowsWithSkippedFields: 3 } });
    expect((await orderOf("pos", "R1"))?.currency).toBe(DEFAULT_CURRENCY);
    expect((await orderOf("pos", "R2"))?.lines.map((l) => l.lineTotal.toString())).toEqual(["20"]);
    expect((await orderOf("pos", "R3"))?.lines.map((l) => [l.unitPrice.toString(), l.lineTotal.toString()])).toEqual([["5", "20"]]);
    expect((await orderOf("pos", "R4"))?.customerId).toBe((await customerById("pos", "p-1"))!.id);

    expect((await problemsOf(report.id)).map((p) => [p.rowNumber, p.field, p.kept])).toEqual([
      [1, "Currency", true],
      [2, "Total", true],
      [3, "Price", true],
      [5, "Price", false],
      [5, "Total", false],
      [6, "Date", false],
      [7, "Mail", false],
    ]);
  });
});

describe("a Mailchimp member with an unreadable time", () => {
  const HEADER = '"Email Address","First Name",OPTIN_TIME,CONFIRM_TIME,LAST_CHANGED';
  it("is kept, dated by the times that can be read; a subscription with no readable date is not recorded, an unsubscribe is, as of the import", async () => {
    const subscribed = [
      HEADER,
      'ann@example.com,Ann,"2021-03-01 09:00:00",soon,"2021-03-02 10:00:00"',
      "bea@example.com,Bea,,31/02/2021,",
      "broken,Nobody,,,",
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "mailchimp", name: "subscribed_members_export.csv", content: subscribed });
    expect(report).toMatchObject({ rowsRead: 3, imported: 2, rejected: 1, details: { rowsWithSkippedFields: 2 } });
    const ann = await customerByEmail("ann@example.com");
    expect(ann?.firstSeenAt?.toISOString()).toBe("2021-03-01T09:00:00.000Z");
    expect(ann?.consents).toMatchObject([{ status: "granted" }]);
    expect(ann?.consents[0]?.occurredAt.toISOString()).toBe("2021-03-01T09:00:00.000Z");
    expect(await customerByEmail("bea@example.com")).toMatchObject({ firstName: "Bea", consents: [] });
    expect((await problemsOf(report.id)).map((p) => [p.rowNumber, p.field, p.kept, p.reason])).toEqual([
      [1, "CONFIRM_TIME", true, 'unreadable date "soon" (expected YYYY-MM-DD HH:MM:SS); imported without it'],
      [
        2,
        "CONFIRM_TIME",
        true,
        'unreadable date "31/02/2021" (expected YYYY-MM-DD HH:MM:SS); the subscription was not recorded (a grant needs its date)',
      ],
      [3, "Email Address", false, expect.stringMatching(/not an email address/)],
    ]);

    const before = Date.now();
    const unsubscribed = [`${HEADER},UNSUB_TIME`, 'ann@example.com,Ann,"2021-03-01 09:00:00",,,last week', ""].join("\n");
    const later = await importTestFile({ kind: "mailchimp", name: "unsubscribed_members_export.csv", content: unsubscribed });
    expect(later).toMatchObject({ rowsRead: 1, rejected: 0, details: { rowsWithSkippedFields: 1 } });
    const consents = (await customerByEmail("ann@example.com"))?.consents ?? [];
    expect(consents.map((c) => c.status)).toEqual(["granted", "withdrawn"]);
    expect(consents[1]!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await problemsOf(later.id)).map((p) => p.reason)).toEqual([
      'unreadable date "last week" (expected YYYY-MM-DD HH:MM:SS); the unsubscribe was recorded as of the import',
    ]);
  });
});
