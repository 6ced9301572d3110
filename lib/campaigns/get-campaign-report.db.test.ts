import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { applyEmailFeedback } from "../email-feedback/apply-email-feedback";
import { recordEmailClick, recordEmailOpen } from "../email-tracking/record-email-interaction";
import { createClickToken, createOpenToken } from "../email-tracking/tracking-token";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, testActor, withdrawConsent } from "./campaign-fixtures";
import { createCampaign } from "./create-campaign";
import { fanOutCampaign } from "./fan-out-campaign";
import { getCampaignReport } from "./get-campaign-report";
import { reviewCampaign } from "./review-campaign";
import { scheduleCampaign } from "./schedule-campaign";

const person = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
let campaignId: string;
let ids: number[];

beforeAll(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, segments, campaigns, email_templates, audit_log, suppressions RESTART IDENTITY CASCADE");
  await seedSettings();
  ids = await seedCustomers(6);
  await seedCustomers(1, { consent: "none" });
  const templateId = await seedTemplate("newsletter");
  ({ id: campaignId } = await createCampaign({
    input: { name: "Autumn", includeSegmentIds: [await seedSegment("Loyal", [...ids, ids.length + 1])], templateId },
    actor: testActor,
  }));
});

describe("campaign review and report", () => {
  it("reviews a draft: the funnel counted now and previews rendered for sampled recipients who will receive it", async () => {
    const review = await reviewCampaign({ id: campaignId, samples: 2 });
    expect(review.funnel).toMatchObject({ inSegments: 7, willReceive: 6, withoutConsent: 1 });
    expect(review.problem).toBeNull();
    expect(review.previews).toHaveLength(2);
    for (const p of review.previews) {
      expect(ids).toContain(p.customerId);
      expect(p.html).toContain(`/api/email/open/${campaignId}.${p.customerId}.`);
      expect(p.subject.length).toBeGreaterThan(0);
    }
  });

  it("counts delivered, opens (human vs machine), clicks by link, CTR, unsubscribes, bounces, complaints and attributed revenue", async () => {
    await scheduleCampaign({ id: campaignId, actor: testActor });
    await fanOutCampaign({ campaignId });
    await db.$executeRaw`UPDATE campaign_sends SET state = 'sent', sent_at = now() - interval '2 hours', message_id = '<' || customer_id || '@t>'
      WHERE campaign_id = ${campaignId} AND state = 'queued' AND customer_id <> ${ids[5]!}`;
    await db.$executeRaw`UPDATE campaign_sends SET state = 'failed', error = '550 no such user' WHERE campaign_id = ${campaignId} AND customer_id = ${ids[5]!}`;
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    const open = (customerId: number, userAgent: string) =>
      recordEmailOpen({ token: createOpenToken({ campaignId, customerId }), userAgent, ip: "203.0.113.1" });
    const click = (customerId: number, link: number) =>
      recordEmailClick({ token: createClickToken({ campaignId, customerId, link }), carried: null, userAgent: person, ip: "203.0.113.1" });
    await open(a, person);
    await open(a, person);
    await open(b, "Mozilla/5.0"); // Apple MPP only
    await open(c, "Mozilla/5.0");
    await open(c, person); // a machine and then a person: a human open
    // The newsletter's links 0–3 are completed by Liquid (cid=…): a click must carry its address.
    const links = (await getCampaignReport(campaignId)).links;
    const fixed = links.find((l) => !l.url.includes("{{"));
    const carried = (l: (typeof links)[number], customerId: number) => l.url.replace(/\{\{[^}]*\}\}/g, String(customerId));
    const first = links[0]!;
    for (const [customerId, times] of [
      [a, 2],
      [c, 1],
    ] as const)
      for (let i = 0; i < times; i++)
        expect(
          (
            await recordEmailClick({
              token: createClickToken({ campaignId, customerId, link: 0 }),
              carried: carried(first, customerId),
              userAgent: person,
              ip: null,
            })
          ).destination,
        ).toBe(carried(first, customerId));
    if (fixed) await click(a, fixed.index);
    await db.order.create({
      data: { customerId: a, orderNumber: "A-1", placedAt: new Date(), total: 120.5, currency: "GBP", kind: "purchase", source: "test" },
    });
    await db.order.create({
      data: { customerId: b, orderNumber: "B-1", placedAt: new Date(), total: 99, currency: "GBP", kind: "purchase", source: "test" },
    }); // b never clicked
    await withdrawConsent(d);
    await applyEmailFeedback({
      provider: "generic",
      feedback: [
        { kind: "hard_bounce", email: "x@y.test", messageId: `<${e}@t>`, occurredAt: new Date(), detail: "mailbox unknown" },
        { kind: "complaint", email: "x@y.test", messageId: `<${d}@t>`, occurredAt: new Date(), detail: "abuse" },
      ],
    });

    const r = await getCampaignReport(campaignId);
    expect(r).toMatchObject({
      sent: 5,
      delivered: 4,
      bounces: 2, // e reported later + the SMTP 550
      complaints: 1,
      uniqueOpens: { human: 2, machine: 1 },
      uniqueClicks: 2,
      clicks: fixed ? 4 : 3,
      unsubscribes: 1,
      revenue: { amount: 120.5, orders: 1, currency: "GBP", days: 5 },
    });
    expect(r.clickThroughRate).toBeCloseTo(2 / 4);
    expect(r.clickToOpenRate).toBeCloseTo(1);
    expect(r.links[0]).toMatchObject({ index: 0, clicks: 3, uniqueClicks: 2 });
    expect(r.timeline.bucket).toBe("minute");
    const totals = r.timeline.points.reduce((s, p) => ({ sent: s.sent + p.sent, clicks: s.clicks + p.clicks }), { sent: 0, clicks: 0 });
    expect(totals).toEqual({ sent: 5, clicks: r.clicks });
    expect(r.bySegment).toEqual([{ name: "Loyal", sent: 5, opened: 2, clicked: 2, revenue: 120.5 }]);
    expect(r.byRfmSegment.reduce((s, x) => s + x.sent, 0)).toBe(5);
  });
});
