import { beforeEach, describe, expect, it } from "vitest";
import { addressHash } from "../consent/installation-secret";
import { db } from "../db";
import { seedCustomers, seedSegment, seedSettings, suppress, withdrawConsent } from "./campaign-fixtures";
import { audienceCustomersSql, classifyRecipientsSql, countAudienceFunnel, mailableCustomerIdsSql } from "./mailable-audience";

beforeEach(async () => {
  await db.$executeRawUnsafe(
    "TRUNCATE customers, segments, suppressions, consent_records, campaigns, frequency_cap_sends, audit_log RESTART IDENTITY CASCADE",
  );
  await seedSettings({ cap: 3, capDays: 7 });
});

async function mailableIds(include: string[], exclude: string[] = []): Promise<number[]> {
  const sql = await mailableCustomerIdsSql({ audience: { includeSegmentIds: include, excludeSegmentIds: exclude } });
  const rows = await db.$queryRaw<{ customer_id: number }[]>`SELECT customer_id FROM (${sql}) x ORDER BY customer_id`;
  return rows.map((r) => r.customer_id);
}

async function capSends(customerId: number, daysAgo: number[]): Promise<void> {
  for (const [i, d] of daysAgo.entries())
    await db.frequencyCapSend.create({
      data: { customerId, sourceType: "campaign", sourceId: `old-${i}`, sentAt: new Date(Date.now() - d * 86_400_000) },
    });
}

describe("will receive", () => {
  it("counts the funnel in SQL, each person once for the first reason, and the export selects the same people", async () => {
    const [ok, withdrawn, supp, capped, underCap, excluded, both] = await seedCustomers(7);
    const [noConsent] = await seedCustomers(1, { consent: "none" });
    const [denied] = await seedCustomers(1, { consent: "denied" });
    const [noAddress] = await seedCustomers(1);
    await db.customer.update({ where: { id: noAddress }, data: { email: null } });
    await withdrawConsent(withdrawn!);
    await suppress(`  PERSON${supp}@Shop.TEST `); // the same address as stored, written differently
    await capSends(capped!, [1, 2, 3]);
    await capSends(underCap!, [1, 2, 30]); // the third is outside the 7-day window
    const a = await seedSegment("A", [ok!, withdrawn!, supp!, capped!, underCap!, excluded!, both!, noConsent!, denied!]);
    const b = await seedSegment("B", [both!, noAddress!]);
    const x = await seedSegment("X", [excluded!]);

    const funnel = await countAudienceFunnel({ audience: { includeSegmentIds: [a, b], excludeSegmentIds: [x] } });
    expect(funnel).toEqual({ inSegments: 9, willReceive: 3, withoutConsent: 3, suppressed: 1, overCap: 1, withoutAddress: 1 });
    expect(await mailableIds([a, b], [x])).toEqual([ok, underCap, both].sort((p, q) => p! - q!));
  });

  it("computes the suppression HMAC in PostgreSQL exactly as Node does", async () => {
    const emails = ["Ana.Lopez@Example.COM", " bob@x.test\t", "zoë@exämple.test"];
    const rows = await db.$queryRaw<{ h: string }[]>`
      SELECT encode(hmac(convert_to(lower(btrim(e, ${" \t\n\r\f\v"})), 'UTF8'),
        decode(${(await import("../consent/installation-secret")).addressHashKey().toString("hex")}, 'hex'), 'sha256'), 'hex') AS h
      FROM unnest(${emails}::text[]) WITH ORDINALITY AS t(e, i) ORDER BY i`;
    expect(rows.map((r) => r.h)).toEqual(emails.map(addressHash));
  });

  it("lets the campaign of higher priority (or the earlier one) take the last place under the cap", async () => {
    const [p] = await seedCustomers(1);
    await capSends(p!, [1, 2]); // one more allowed
    const seg = await seedSegment("S", [p!]);
    const mk = (name: string, priority: number, createdAt: Date) =>
      db.campaign.create({
        data: { name, includeSegmentIds: [seg], status: "sending", priority, createdAt },
        select: { id: true, priority: true, createdAt: true },
      });
    const high = await mk("high", 5, new Date("2026-01-02"));
    const low = await mk("low", 1, new Date("2026-01-01"));
    for (const c of [high, low]) await db.campaignSend.create({ data: { campaignId: c.id, customerId: p!, chunk: 0 } });

    const reasonFor = async (c: { id: string; priority: number; createdAt: Date }) => {
      const sql = await classifyRecipientsSql({
        customers: audienceCustomersSql({ includeSegmentIds: [seg] }),
        rank: { campaignId: c.id, priority: c.priority, createdAt: c.createdAt },
      });
      return (await db.$queryRaw<{ reason: string | null }[]>`SELECT reason FROM (${sql}) x`)[0]!.reason;
    };
    expect(await reasonFor(high)).toBeNull();
    expect(await reasonFor(low)).toBe("frequency_cap");
    // Transactional mail is exempt.
    expect(
      (await countAudienceFunnel({ audience: { includeSegmentIds: [seg] }, rank: { transactional: true, priority: -100 } })).willReceive,
    ).toBe(1);
    // A row already in flight counts whatever the priority.
    await db.campaignSend.update({ where: { campaignId_customerId: { campaignId: low.id, customerId: p! } }, data: { state: "sending" } });
    expect(await reasonFor(high)).toBe("frequency_cap");
  });

  it("names an unknown segment", async () => {
    await expect(countAudienceFunnel({ audience: { includeSegmentIds: ["nope"] } })).rejects.toThrow(/There is no segment "nope"/);
  });
});
