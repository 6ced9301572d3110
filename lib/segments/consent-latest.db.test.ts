import { describe, expect, it } from "vitest";
import { db } from "../db";

type Row = { customer_id: number; purpose: string; status: string; record_id: string };

/** What the triggers keep, and what it must equal: the latest record per customer and purpose. */
async function kept(): Promise<{ stored: Row[]; expected: Row[] }> {
  const stored = await db.$queryRawUnsafe<Row[]>(
    `SELECT customer_id, purpose, status::text, record_id::text FROM consent_latest ORDER BY 1, 2`,
  );
  const expected = await db.$queryRawUnsafe<Row[]>(
    `SELECT DISTINCT ON (customer_id, purpose) customer_id, purpose, status::text, id::text AS record_id
       FROM consent_records ORDER BY customer_id, purpose, occurred_at DESC, id DESC`,
  );
  return { stored, expected };
}

describe("consent_latest, kept by triggers on consent_records", () => {
  it("follows inserts in any order, bulk inserts, moves between customers, deletions, cascades and truncation", async () => {
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((n) => db.customer.create({ data: { email: `${n}@latest.test` } })));
    const rec = (customerId: number, status: "granted" | "denied" | "withdrawn", at: string, purpose = "email_marketing") => ({
      customerId,
      purpose,
      status,
      source: "import",
      occurredAt: new Date(at),
    });
    // One statement each, the later record first: the earlier one arriving after must not win.
    await db.consentRecord.create({ data: rec(a!.id, "granted", "2026-03-01") });
    await db.consentRecord.create({ data: rec(a!.id, "denied", "2026-01-01") });
    let s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.find((r) => r.customer_id === a!.id)?.status).toBe("granted");
    // Several records of the same customer and purpose in one statement, same instant: the higher id wins.
    await db.consentRecord.createMany({
      data: [
        rec(b!.id, "granted", "2026-02-01"),
        rec(b!.id, "withdrawn", "2026-02-01"),
        rec(b!.id, "denied", "2026-01-01", "personalization"),
        rec(c!.id, "granted", "2026-01-01"),
      ],
    });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.find((r) => r.customer_id === b!.id && r.purpose === "email_marketing")?.status).toBe("withdrawn");
    // A merge moves b's records to a: a's own March record stays the latest; b has none left.
    await db.consentRecord.updateMany({ where: { customerId: b!.id }, data: { customerId: a!.id } });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.some((r) => r.customer_id === b!.id)).toBe(false);
    expect(s.stored.find((r) => r.customer_id === a!.id && r.purpose === "email_marketing")?.status).toBe("granted");
    expect(s.stored.find((r) => r.customer_id === a!.id && r.purpose === "personalization")?.status).toBe("denied");
    // Deleting the latest record brings the previous one back (b's February withdrawal, the higher id).
    const latestOfA = await db.consentRecord.findFirstOrThrow({
      where: { customerId: a!.id, purpose: "email_marketing" },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    });
    await db.consentRecord.delete({ where: { id: latestOfA.id } });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.find((r) => r.customer_id === a!.id && r.purpose === "email_marketing")?.status).toBe("withdrawn");
    // Deleting a customer cascades to their records, and to their latest.
    await db.customer.delete({ where: { id: c!.id } });
    s = await kept();
    expect(s.stored).toEqual(s.expected);
    expect(s.stored.some((r) => r.customer_id === c!.id)).toBe(false);
    await db.$executeRawUnsafe(`TRUNCATE consent_records`);
    expect((await kept()).stored).toEqual([]);
  });
});
