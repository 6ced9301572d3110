import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { emptyTablesBeforeEach } from "../../../../test/empty-tables";
import { db } from "../../../db";
import { customerByEmail, importTestFile, rejectionsOf } from "../../../../test/import-test-file";
import { SHOPIFY_CUSTOMER_COLUMNS } from "../../../../test/shopify-export-columns";

const HEADER = SHOPIFY_CUSTOMER_COLUMNS.join(",");

const row = (o: {
  id: string;
  first?: string;
  last?: string;
  email: string;
  accepts?: string;
  city?: string;
  country?: string;
  phone?: string;
  note?: string;
  tags?: string;
}) =>
  [
    o.id,
    o.first ?? "",
    o.last ?? "",
    o.email,
    o.accepts ?? "no",
    "",
    "1 High St",
    "",
    o.city ?? "",
    "",
    o.country ?? "",
    "",
    "",
    o.phone ?? "",
    "no",
    "10.00",
    "1",
    o.note ?? "",
    "no",
    o.tags ?? "",
  ].join(",");

const FILE = [
  HEADER,
  row({
    id: "'7001",
    first: "Ada",
    last: "Lovelace",
    email: " Ada@Example.COM ",
    accepts: "yes",
    city: "London",
    country: "GB",
    phone: "07700 900123",
    tags: '"vip, newsletter"',
  }),
  row({ id: "7002", first: "Grace", last: "Hopper", email: "grace@example.com", accepts: "no", country: "US", phone: "(202) 555-0143" }),
  row({ id: "7003", first: "Bad", email: "not-an-email", accepts: "yes" }),
  row({ id: "7004", first: "Phone", email: "phone@example.com", phone: "12" }),
  row({ id: "7005", first: "Note", email: "note@example.com", note: '"line one\nline two, with ""quotes"""' }),
  "",
].join("\r\n");

emptyTablesBeforeEach("customers", "import_jobs", "audit_log");

describe("importing a Shopify customer export", () => {
  it("creates customers with identities, E.164 phones and consent; rejects bad rows with row, field and reason", async () => {
    const report = await importTestFile({ kind: "shopify-customers", name: "customers_export.csv", content: FILE });
    // Row 4's phone cannot be read: the person is imported without it (a skipped field, not a rejected row).
    expect(report).toMatchObject({ rowsRead: 5, imported: 4, updated: 0, alreadyPresent: 0, rejected: 1 });
    expect(await customerByEmail("phone@example.com")).toMatchObject({ phone: null });
    const ada = await customerByEmail("ada@example.com");
    expect(ada).toMatchObject({ firstName: "Ada", lastName: "Lovelace", city: "London", country: "GB", phone: "+447700900123" });
    expect(ada?.attributes).toMatchObject({ tags: "vip, newsletter" });
    expect(ada?.identities.map((i) => [i.type, i.source, i.value])).toEqual([
      ["email", "", "ada@example.com"],
      ["external_id", "shopify", "7001"],
      ["phone", "", "+447700900123"],
    ]);
    expect(ada?.consents).toMatchObject([{ purpose: "email_marketing", status: "granted", source: "import" }]);
    expect((await customerByEmail("grace@example.com"))?.phone).toBe("+12025550143");
    expect((await customerByEmail("grace@example.com"))?.consents).toMatchObject([{ status: "denied" }]);
    expect((await customerByEmail("note@example.com"))?.attributes).toMatchObject({ note: 'line one\nline two, with "quotes"' });
    const rejected = await rejectionsOf(report.id);
    expect(rejected.map((r) => [r.rowNumber, r.field])).toEqual([
      [3, "Email"],
      [4, "Phone"],
    ]);
    expect(rejected[0]?.reason).toBe('not an email address: "not-an-email"');
    expect(rejected[0]?.raw).toContain("not-an-email");
  });

  it("re-imports idempotently: an overlapping export adds only what is new and updates what changed", async () => {
    await importTestFile({ kind: "shopify-customers", name: "a.csv", content: FILE });
    const consentsBefore = await db.consentRecord.count();
    const again = await importTestFile({ kind: "shopify-customers", name: "a.csv", content: FILE });
    expect(again).toMatchObject({ imported: 0, updated: 0, alreadyPresent: 4, rejected: 1 });
    expect(await db.consentRecord.count()).toBe(consentsBefore);

    const overlap = [
      HEADER,
      row({ id: "7002", first: "Grace", last: "Hopper", email: "grace@example.com", accepts: "yes", country: "US", city: "Arlington" }),
      row({ id: "7010", first: "New", email: "new@example.com" }),
      "",
    ].join("\n");
    const third = await importTestFile({ kind: "shopify-customers", name: "b.csv", content: overlap });
    expect(third).toMatchObject({ rowsRead: 2, imported: 1, updated: 1, alreadyPresent: 0 });
    const grace = await customerByEmail("grace@example.com");
    expect(grace).toMatchObject({ city: "Arlington", phone: "+12025550143" });
    expect(grace?.consents.map((c) => c.status)).toEqual(["denied", "granted"]);
    expect(await db.customer.count()).toBe(5);
  });

  it("reads Latin-1 files with semicolons", async () => {
    const text = [
      HEADER.replaceAll(",", ";"),
      ["7100", "Zoë", "Müller", "zoe@example.de", "yes", "", "", "", "Köln", "", "DE", "", "", "", "", "", "", "", "", ""].join(";"),
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "shopify-customers", name: "latin1.csv", content: iconv.encode(text, "latin1") });
    expect(report).toMatchObject({ imported: 1, rejected: 0 });
    expect(await customerByEmail("zoe@example.de")).toMatchObject({ firstName: "Zoë", lastName: "Müller", city: "Köln" });
  });

  it("fails with one clear error on a file that is not a Shopify customer export", async () => {
    await expect(importTestFile({ kind: "shopify-customers", name: "x.csv", content: "foo,bar\n1,2\n" })).rejects.toThrow(
      /not a Shopify customer export: column "Email" missing/,
    );
    await expect(
      importTestFile({ kind: "shopify-customers", name: "x.png", content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]) }),
    ).rejects.toThrow(/not a CSV file/);
    expect(await db.importJob.count({ where: { status: "failed" } })).toBe(2);
  });
});
