import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../db";
import type { ColumnMapping } from "../../format-schemas";
import { customerByEmail, importTestFile, rejectionsOf } from "../../../../test/import-test-file";

const PEOPLE: ColumnMapping = {
  target: "customers",
  source: "my-crm",
  columns: {
    "E-mail": "email",
    "Client no": "external_id",
    Name: "first_name",
    Surname: "last_name",
    Joined: "signed_up_at",
    Newsletter: "email_consent",
    Notes: "attribute:notes",
    Ignored: "",
  },
};
const HEADER = "Client no;E-mail;Name;Surname;Joined;Newsletter;Notes;Ignored;;";

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, products, import_jobs, audit_log RESTART IDENTITY CASCADE");
});

describe("importing any CSV through a column mapping", () => {
  it("maps customers: semicolons, BOM, CRLF, quoted newline, trailing empty columns, European dates", async () => {
    const file =
      "\uFEFF" +
      [
        HEADER,
        'C1;ann@example.com;Ann;Lee;25/12/2023;yes;"first line\r\nsecond; line";x;;',
        "C2;bob@example.com;Bob;;03/04/2024;no;;;;",
        "C3;;Nobody;;01/01/2024;maybe;;;;",
        "",
      ].join("\r\n");
    const report = await importTestFile({ kind: "csv", name: "crm.csv", content: file, options: { mapping: PEOPLE } });
    // C3's "maybe" is skipped (no consent recorded); C3 is still imported.
    expect(report).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0, details: { rowsWithSkippedFields: 1 } });
    const ann = await customerByEmail("ann@example.com");
    expect(ann?.attributes).toEqual({ notes: "first line\r\nsecond; line" });
    expect(ann?.firstSeenAt?.toISOString()).toBe("2023-12-25T00:00:00.000Z");
    expect(ann?.identities.map((i) => [i.type, i.source, i.value])).toEqual([
      ["email", "", "ann@example.com"],
      ["external_id", "my-crm", "C1"],
    ]);
    expect((await customerByEmail("bob@example.com"))?.firstSeenAt?.toISOString()).toBe("2024-04-03T00:00:00.000Z");
    expect(await rejectionsOf(report.id)).toMatchObject([
      { rowNumber: 3, field: "Newsletter", reason: 'expected yes or no, found "maybe"; no consent recorded' },
    ]);
    const c3 = await db.identity.findFirst({ where: { type: "external_id", source: "my-crm", value: "C3" } });
    expect(await db.consentRecord.count({ where: { customerId: c3!.customerId } })).toBe(0);
  });

  it("records a consent “yes” without a date as granted now, or, if the marketer chose so, as unknown (no record)", async () => {
    const file = [HEADER, "C1;ann@example.com;Ann;;;yes;;;;", "C2;bob@example.com;Bob;;;no;;;;", ""].join("\n");
    const consentOf = async (email: string) =>
      db.consentRecord.findMany({
        where: { customer: { email } },
        select: { purpose: true, status: true },
      });
    const before = Date.now();
    await importTestFile({ kind: "csv", name: "crm.csv", content: file, options: { mapping: PEOPLE } });
    const granted = await db.consentRecord.findFirstOrThrow({ where: { customer: { email: "ann@example.com" } } });
    expect(granted).toMatchObject({ purpose: "email_marketing", status: "granted" });
    expect(granted.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    await db.$executeRawUnsafe("TRUNCATE customers, import_jobs RESTART IDENTITY CASCADE");
    await importTestFile({
      kind: "csv",
      name: "crm.csv",
      content: file,
      options: { mapping: { ...PEOPLE, consentWithoutDate: "unknown" } },
    });
    expect(await consentOf("ann@example.com")).toEqual([]);
    // A "no" is a refusal whatever the choice.
    expect(await consentOf("bob@example.com")).toEqual([{ purpose: "email_marketing", status: "denied" }]);
  });

  it("stops on an ambiguous date column until the user chooses the order", async () => {
    const file = ["Client no;E-mail;Joined", "C1;a@example.com;03/04/2024", "C2;b@example.com;05/06/2024", ""].join("\n");
    const mapping: ColumnMapping = {
      target: "customers",
      source: "my-crm",
      columns: { "Client no": "external_id", "E-mail": "email", Joined: "signed_up_at" },
    };
    await expect(importTestFile({ kind: "csv", name: "x.csv", content: file, options: { mapping } })).rejects.toThrow(
      /"Joined" \(such as "03\/04\/2024"\) can be read as month\/day or day\/month/,
    );
    expect(await db.customer.count()).toBe(0);
    await importTestFile({ kind: "csv", name: "x.csv", content: file, options: { mapping, dateOrder: "us" } });
    expect((await customerByEmail("a@example.com"))?.firstSeenAt?.toISOString()).toBe("2024-03-04T00:00:00.000Z");
  });

  it("maps order lines with US dates, thousands separators and currency symbols", async () => {
    const mapping: ColumnMapping = {
      target: "orders",
      source: "pos",
      columns: { Receipt: "order_number", Mail: "email", Date: "placed_at", Item: "sku", Qty: "quantity", Price: "unit_price" },
    };
    const file = [
      "Receipt,Mail,Date,Item,Qty,Price",
      'R1,amy@example.com,12/31/2023 5:30 PM,TV,1,"$1,299.00"',
      "R1,amy@example.com,12/31/2023 5:30 PM,CABLE,2,$9.50",
      "R2,,1/2/2024,TV,1,$1299",
      "R3,amy@example.com,1/15/2024,X,1,abc",
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "csv", name: "pos.csv", content: file, options: { mapping } });
    expect(report).toMatchObject({ rowsRead: 4, imported: 2, withoutCustomer: 1, rejected: 1 });
    const order = await db.order.findUniqueOrThrow({ where: { source_orderNumber: { source: "pos", orderNumber: "R1" } } });
    expect(order.total.toString()).toBe("1318");
    expect(order.placedAt.toISOString()).toBe("2023-12-31T17:30:00.000Z");
    expect(await rejectionsOf(report.id)).toMatchObject([{ rowNumber: 4, field: "Price", reason: 'not an amount: "abc"' }]);
  });

  it("says which mapped column the file lacks", async () => {
    await expect(
      importTestFile({ kind: "csv", name: "x.csv", content: "Email\na@example.com\n", options: { mapping: PEOPLE } }),
    ).rejects.toThrow(/names columns .*"E-mail".* that the file does not have/);
    await expect(importTestFile({ kind: "csv", name: "x.csv", content: "Email\na@example.com\n" })).rejects.toThrow(
      /needs a column mapping/,
    );
  });
});

describe("importing events through a column mapping", () => {
  it("stores each event once, attached to its person, other columns as properties", async () => {
    const mapping: ColumnMapping = {
      target: "events",
      source: "app",
      columns: { User: "email", Event: "event_type", When: "occurred_at", Page: "attribute:page" },
    };
    const file = [
      "User,Event,When,Page",
      "eve@example.com,page_viewed,2024-05-01 10:00:00,/shoes",
      "eve@example.com,added_to_cart,2024-05-01 10:02:00,/shoes",
      ",page_viewed,2024-05-01 10:03:00,/",
      "eve@example.com,,2024-05-01 10:04:00,/",
      "",
    ].join("\n");
    const report = await importTestFile({ kind: "csv", name: "events.csv", content: file, options: { mapping } });
    expect(report).toMatchObject({ rowsRead: 4, imported: 2, withoutCustomer: 1, rejected: 1 });
    const eve = await customerByEmail("eve@example.com");
    const events = await db.event.findMany({ where: { customerId: eve!.id }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => [e.type, e.source, e.properties])).toEqual([
      ["page_viewed", "app", { page: "/shoes" }],
      ["added_to_cart", "app", { page: "/shoes" }],
    ]);
    const again = await importTestFile({ kind: "csv", name: "events.csv", content: file, options: { mapping } });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 2 });
    expect(await db.event.count()).toBe(2);
  });
});
