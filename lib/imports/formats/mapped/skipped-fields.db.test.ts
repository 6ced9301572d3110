import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { streamRejectionsCsv } from "../../stream-rejections-csv";
import type { ColumnMapping } from "../../format-schemas";
import { customerByEmail, importTestFile } from "../../../../test/import-test-file";
import { SHOPIFY_CUSTOMER_COLUMNS } from "../../../../test/shopify-export-columns";

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
  await db.$executeRawUnsafe("TRUNCATE customers, import_jobs, audit_log RESTART IDENTITY CASCADE");
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
