import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { env } from "../env";
import { applyTraits } from "../identity/apply-traits";
import { importTestFile } from "../../test/import-test-file";
import { previewSegment } from "../segments/preview-segment";
import { segmentRulesSchema } from "../segments/schemas";

const countryIs = (value: string) =>
  segmentRulesSchema.parse({
    type: "group",
    op: "and",
    children: [{ type: "condition", kind: "attribute", field: "country", valueType: "text", op: "eq", value }],
  });

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, segments, import_jobs RESTART IDENTITY CASCADE");
});

describe("countries", () => {
  it("“United Kingdom” in a CSV and “GB” from tracking meet in one segment, whichever spelling the builder is given", async () => {
    const file = ["email,country", "ann@example.com,United Kingdom", "bob@example.com,uk", "cy@example.com,France", ""].join("\n");
    await importTestFile({
      kind: "csv",
      name: "people.csv",
      content: file,
      options: { mapping: { target: "customers", source: "crm", columns: { email: "email", country: "country" } } },
    });
    const tracked = await db.customer.create({ data: { email: "dee@example.com" } });
    await db.$transaction((tx) =>
      applyTraits({ tx, customerId: tracked.id, traits: { address: { country: "GB" } }, email: null, phone: null }),
    );

    const stored = await db.customer.findMany({ select: { email: true, country: true }, orderBy: { email: "asc" } });
    expect(stored.map((c) => c.country)).toEqual(["GB", "GB", "FR", "GB"]);
    for (const spelling of ["United Kingdom", "GB", "gb", "Great Britain"])
      expect([spelling, (await previewSegment({ rules: countryIs(spelling), sampleSize: 0 })).total]).toEqual([spelling, 3]);
  });

  it("the migration turns stored names into codes in customers, orders and saved segment rules", async () => {
    const ann = await db.customer.create({ data: { email: "a@example.com", country: "United Kingdom" } });
    await db.customer.createMany({
      data: [
        { email: "b@example.com", country: "EIRE" },
        { email: "c@example.com", country: "gb" },
        { email: "d@example.com", country: "Channel Islands" },
      ],
    });
    await db.order.create({
      data: { source: "test", orderNumber: "1", customerId: ann.id, kind: "purchase", placedAt: new Date(), country: "RSA", total: 1 },
    });
    const nested = {
      type: "group",
      op: "or",
      children: [
        { type: "condition", kind: "attribute", field: "country", custom: false, valueType: "text", op: "eq", value: "United Kingdom" },
        {
          type: "group",
          op: "and",
          children: [{ type: "condition", kind: "attribute", field: "country", valueType: "text", op: "neq", value: "usa" }],
        },
        { type: "condition", kind: "attribute", field: "city", valueType: "text", op: "eq", value: "France" },
      ],
    };
    const segment = await db.segment.create({ data: { name: "Old rules", rules: nested } });

    const sql = await readFile(
      path.resolve(import.meta.dirname, "../../prisma/migrations/20261207120000_country_codes/migration.sql"),
      "utf8",
    );
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }

    const countries = await db.customer.findMany({ select: { country: true }, orderBy: { id: "asc" } });
    expect(countries.map((c) => c.country)).toEqual(["GB", "IE", "GB", "Channel Islands"]);
    expect((await db.order.findFirstOrThrow()).country).toBe("ZA");
    const rules = (await db.segment.findUniqueOrThrow({ where: { id: segment.id } })).rules as typeof nested;
    expect(rules.children[0]).toMatchObject({ value: "GB" });
    expect((rules.children[1] as { children: { value: string }[] }).children[0]!.value).toBe("US");
    expect(rules.children[2]).toMatchObject({ field: "city", value: "France" }); // not a country field: untouched
  });
});
