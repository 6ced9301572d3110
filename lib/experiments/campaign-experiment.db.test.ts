import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { seedCustomers, seedTemplateFrom, testActor } from "../campaigns/campaign-fixtures";
import { reviewCampaign } from "../campaigns/review-campaign";
import { cancelCampaign } from "../campaigns/cancel-campaign";
import { fanOutCampaign } from "../campaigns/fan-out-campaign";
import { getCampaignProgress } from "../campaigns/get-campaign-progress";
import { getCampaignReport } from "../campaigns/get-campaign-report";
import { scheduleCampaign } from "../campaigns/schedule-campaign";
import { db } from "../db";
import { recordEmailClick } from "../email-tracking/record-email-interaction";
import { createClickToken } from "../email-tracking/tracking-token";
import { advanceBandit } from "./advance-bandit";
import { decideCampaignExperiment } from "./decide-campaign-experiment";
import { getExperimentReport } from "./get-experiment-report";
import { sweepExperiments } from "./sweep-experiments";
import { holdoutLift } from "./holdout-lift";
import { experimentCampaign, later, ledger, open, person, sendOpenChunks, setUpExperimentTests } from "./experiment-fixtures";
import { createBetaSampler } from "./thompson-sampling";

const setup = setUpExperimentTests();
const sink = () => setup.sink();

async function subjectsByAddress(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const m of sink().received) out.set(m.to, [...(out.get(m.to) ?? []), (await simpleParser(m.raw)).subject ?? ""]);
  return out;
}

describe("A/B test campaigns", () => {
  it(
    "send the variants to the test portion, hold the rest, decide at the horizon on clicks and send the winner to the held rows exactly once, within the cap; the holdout gets nothing",
    { timeout: 120_000 },
    async () => {
      const ids = await seedCustomers(200);
      const id = await experimentCampaign(ids, "A: Spring news for {{ customer.first_name }}", {
        dimension: "subject",
        metric: "click",
        variants: [{ key: "A" }, { key: "B", subject: "B: 20% off for {{ customer.first_name }}" }],
        testPercent: 40,
        holdoutPercent: 10,
        method: "fixed",
        waitMinutes: 60,
      });
      await scheduleCampaign({ id, actor: testActor });
      expect(await fanOutCampaign({ campaignId: id, chunkSize: 25 })).toMatchObject({ status: "frozen", recipients: 80 });

      const rows = await ledger(id);
      const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
      expect(count((r) => r.state === "queued" && r.variant === "A")).toBe(40);
      expect(count((r) => r.state === "queued" && r.variant === "B")).toBe(40);
      expect(count((r) => r.state === "skipped" && r.skipReason === "holdout" && r.variant === "holdout")).toBe(20);
      expect(count((r) => r.state === "held" && r.variant === null)).toBe(100);
      const holdout = new Set(rows.filter((r) => r.variant === "holdout").map((r) => r.customerId));

      await sendOpenChunks(id);
      expect(sink().received).toHaveLength(80);
      const sent = await ledger(id);
      const variantOf = new Map(sent.map((r) => [r.customerId, r.variant]));
      for (const [address, subjects] of await subjectsByAddress()) {
        const row = sent.find((r) => r.email === address)!;
        expect(subjects).toHaveLength(1);
        expect(subjects[0]!.startsWith(`${row.variant}: `)).toBe(true);
      }
      // Held rows keep the campaign open.
      expect(await getCampaignProgress(id)).toMatchObject({ status: "sending", held: 100, finished: false });

      // Constructed clicks: B 14 of 40, A 3 of 40 (link 0 of the newsletter carries the customer id).
      const { links } = await getCampaignReport(id);
      const first = links[0]!;
      const click = (customerId: number) =>
        recordEmailClick({
          token: createClickToken({ campaignId: id, customerId, link: 0 }),
          carried: first.url.replace(/\{\{[^}]*\}\}/g, String(customerId)),
          userAgent: person,
          ip: null,
          now: later(),
        });
      const inVariant = (key: string) => sent.filter((r) => r.variant === key).map((r) => r.customerId);
      for (const c of inVariant("B").slice(0, 14)) expect((await click(c)).destination).not.toBeNull();
      for (const c of inVariant("A").slice(0, 3)) await click(c);

      const started = (await db.campaign.findUniqueOrThrow({ where: { id } })).startedAt!;
      const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000);
      // Before the horizon nothing is decided, however clear the difference looks.
      expect(await decideCampaignExperiment({ campaignId: id, now: at(30), chunkSize: 25 })).toEqual({ status: "continue" });
      expect(await db.campaignSend.count({ where: { campaignId: id, state: "held" } })).toBe(100);

      // A held person reaches the frequency cap elsewhere in the meantime: the winner skips them.
      const capped = rows.find((r) => r.state === "held")!.customerId;
      await db.frequencyCapSend.createMany({
        data: [1, 2].map((n) => ({ customerId: capped, sourceType: "campaign", sourceId: `other-${n}` })),
      });

      expect(await decideCampaignExperiment({ campaignId: id, now: at(61), chunkSize: 25 })).toEqual({
        status: "winner",
        winner: "B",
        released: 100,
      });
      // A second look (another worker, the next sweep) releases nothing again.
      expect(await decideCampaignExperiment({ campaignId: id, now: at(62), chunkSize: 25 })).toEqual({ status: "not-testing" });
      expect(await db.campaignSend.count({ where: { campaignId: id, state: "held" } })).toBe(0);

      sink().received.length = 0;
      await sendOpenChunks(id);
      const after = await ledger(id);
      expect(sink().received).toHaveLength(99);
      for (const [address, subjects] of await subjectsByAddress()) {
        expect(subjects).toHaveLength(1);
        expect(subjects[0]!.startsWith("B: ")).toBe(true);
        const row = after.find((r) => r.email === address)!;
        expect(variantOf.get(row.customerId)).toBeNull(); // only held rows get the winner
        expect(row.variant).toBe("B");
      }
      expect(after.find((r) => r.customerId === capped)).toMatchObject({ state: "skipped", skipReason: "frequency_cap" });
      // Everyone got at most one message; the holdout none.
      const everyone = [
        ...sent.filter((r) => r.state === "sent"),
        ...after.filter((r) => variantOf.get(r.customerId) === null && r.state === "sent"),
      ];
      expect(new Set(everyone.map((r) => r.customerId)).size).toBe(everyone.length);
      expect(everyone.some((r) => holdout.has(r.customerId))).toBe(false);
      expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("finished");

      // Conversions: 20 % of everyone sent bought within the window, 5 % of the holdout (1 of 20).
      const treated = after.filter((r) => r.state === "sent").map((r) => r.customerId);
      const buyers = [...treated.slice(0, Math.round(treated.length * 0.2)), [...holdout][0]!];
      await db.order.createMany({
        data: buyers.map((customerId, i) => ({
          customerId,
          orderNumber: `O-${i}`,
          placedAt: new Date(Date.now() + 60_000),
          total: 50,
          currency: "GBP",
          kind: "purchase" as const,
          source: "test",
        })),
      });
      const report = (await getExperimentReport(id))!;
      expect(report).toMatchObject({ status: "decided", winner: "B", released: 100, reason: "B beats every other variant" });
      const [a, b] = report.variants;
      expect(a).toMatchObject({ key: "A", sent: 40, clicked: 3, value: "A: Spring news for {{ customer.first_name }}" });
      expect(b).toMatchObject({ key: "B", sent: 139, clicked: 14 });
      expect(b!.vsControl!.difference).toBeCloseTo(14 / 139 - 3 / 40, 10);
      expect(b!.vsControl!.lower).toBeLessThan(b!.vsControl!.difference);
      expect(report.holdout).toEqual({ size: 20, converted: 1, rate: 0.05, revenuePerRecipient: 2.5 });
      const expected = holdoutLift({
        treated: { successes: Math.round(treated.length * 0.2), trials: treated.length },
        holdout: { successes: 1, trials: 20 },
      });
      expect(report.lift).toEqual(expected);
      expect(report.lift!.absoluteLift).toBeCloseTo(Math.round(treated.length * 0.2) / treated.length - 0.05, 10);
      expect(
        await db.auditLog.findFirst({ where: { targetId: id, action: "campaign.experiment_decide" }, select: { after: true } }),
      ).toMatchObject({
        after: { winner: "B", status: "winner", released: 100 },
      });
    },
  );

  it("decides with the sequential test before the deadline once the difference is beyond chance, and gives the control when the horizon passes without one", async () => {
    const ids = await seedCustomers(120);
    const seq = await experimentCampaign(ids.slice(0, 60), "A: hello", {
      dimension: "subject",
      metric: "open",
      variants: [{ key: "A" }, { key: "B", subject: "B: hello" }],
      testPercent: 100,
      method: "sequential",
      tau: 0.2,
      waitMinutes: 600,
    });
    await scheduleCampaign({ id: seq, actor: testActor });
    await fanOutCampaign({ campaignId: seq });
    await sendOpenChunks(seq);
    const rows = await ledger(seq);
    const inB = rows.filter((x) => x.variant === "B");
    const inA = rows.filter((x) => x.variant === "A");
    expect([inA.length, inB.length]).toEqual([30, 30]);
    for (const r of [...inB.slice(0, 20), ...inA.slice(0, 2)]) await open(seq, r.customerId);
    const result = await decideCampaignExperiment({ campaignId: seq, now: new Date() });
    expect(result).toEqual({ status: "winner", winner: "B", released: 0 });

    const flat = await experimentCampaign(ids.slice(60), "A: hi", {
      dimension: "subject",
      metric: "open",
      variants: [{ key: "A" }, { key: "B", subject: "B: hi" }],
      testPercent: 50,
      method: "fixed",
      waitMinutes: 5,
    });
    await scheduleCampaign({ id: flat, actor: testActor });
    await fanOutCampaign({ campaignId: flat });
    await sendOpenChunks(flat);
    const started = (await db.campaign.findUniqueOrThrow({ where: { id: flat } })).startedAt!;
    // The workers' sweep looks at every experiment still testing: past the deadline, the control goes to the held rows.
    expect(await sweepExperiments({ now: new Date(started.getTime() + 4 * 60_000) })).toEqual({ decided: 0, waves: 0 });
    expect(await sweepExperiments({ now: new Date(started.getTime() + 6 * 60_000) })).toEqual({ decided: 1, waves: 0 });
    expect(await db.campaignExperiment.findUniqueOrThrow({ where: { campaignId: flat } })).toMatchObject({
      status: "decided",
      winner: "A",
    });
    expect(await db.campaignSend.count({ where: { campaignId: flat, state: "queued", variant: "A" } })).toBe(30);
  });
});

describe("two workers deciding at the same moment", () => {
  it("release the held rows once: one decides, the other finds the test decided", async () => {
    const id = await experimentCampaign(await seedCustomers(40), "A: hi", {
      dimension: "subject",
      variants: [{ key: "A" }, { key: "B", subject: "B: hi" }],
      testPercent: 20,
      waitMinutes: 1,
    });
    await scheduleCampaign({ id, actor: testActor });
    await fanOutCampaign({ campaignId: id });
    const later = new Date(Date.now() + 3_600_000);
    const results = await Promise.all([1, 2, 3].map(() => decideCampaignExperiment({ campaignId: id, now: later, chunkSize: 10 })));
    expect(results.filter((r) => r.status === "inconclusive")).toEqual([{ status: "inconclusive", winner: "A", released: 32 }]);
    expect(results.filter((r) => r.status === "not-testing")).toHaveLength(2);
    expect(await db.campaignSend.count({ where: { campaignId: id, state: "queued", variant: "A" } })).toBe(4 + 32);
    expect(await db.campaignChunk.count({ where: { campaignId: id } })).toBe(1 + 4);
  });
});

describe("cancelling an A/B test campaign", () => {
  it("skips the held rows with the queued ones and stops the experiment: nothing is released later", async () => {
    const id = await experimentCampaign(await seedCustomers(20), "A: hi", {
      dimension: "subject",
      variants: [{ key: "A" }, { key: "B", subject: "B: hi" }],
      testPercent: 20,
      holdoutPercent: 10,
      waitMinutes: 1,
    });
    await scheduleCampaign({ id, actor: testActor });
    await fanOutCampaign({ campaignId: id });
    expect(await cancelCampaign({ id, actor: testActor })).toEqual({ skipped: 4 + 14 });
    expect(await db.campaignSend.count({ where: { campaignId: id, state: { in: ["queued", "held"] } } })).toBe(0);
    expect((await db.campaignExperiment.findUniqueOrThrow({ where: { campaignId: id } })).status).toBe("cancelled");
    expect(await decideCampaignExperiment({ campaignId: id, now: new Date(Date.now() + 3_600_000) })).toEqual({ status: "not-testing" });
  });
});

describe("variants of content and sender name", () => {
  it("renders each recipient's variant (its template version, its links, its sender name), in the review's previews too", async () => {
    const ids = await seedCustomers(8);
    const contentB = await seedTemplateFrom(
      `<mjml><mj-body><mj-section><mj-column>
        <mj-text>Variant B for {{ customer.first_name }}</mj-text>
        <mj-button href="https://shop.test/spring-b">See B</mj-button>
        <mj-text>{{ organisation.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
      </mj-column></mj-section></mj-body></mjml>`,
      "B: hello",
    );
    const content = await experimentCampaign(ids.slice(0, 4), "", {
      dimension: "content",
      metric: "click",
      variants: [{ key: "A" }, { key: "B", templateId: contentB }],
      testPercent: 100,
      waitMinutes: 60,
    });
    const review = await reviewCampaign({ id: content, samples: 2 });
    expect(review.previews.map((p) => p.variant)).toEqual(["A", "B"]);
    expect(review.previews[1]!.html).toContain("Variant B for");
    expect(review.previews[0]!.html).not.toContain("Variant B for");
    await scheduleCampaign({ id: content, actor: testActor });
    await fanOutCampaign({ campaignId: content });
    await sendOpenChunks(content);
    const rows = await ledger(content);
    expect(sink().received).toHaveLength(4);
    for (const m of sink().received) {
      const row = rows.find((r) => r.email === m.to)!;
      expect((await simpleParser(m.raw)).html).toSatisfy((html: string) => html.includes("Variant B for") === (row.variant === "B"));
    }
    // A click on B's link resolves to B's own version's link.
    const b = rows.find((r) => r.variant === "B")!;
    const clicked = await recordEmailClick({
      token: createClickToken({ campaignId: content, customerId: b.customerId, link: 0 }),
      carried: null,
      userAgent: person,
      ip: null,
      now: later(),
    });
    expect(clicked.destination).toBe("https://shop.test/spring-b");
    // The report's clicks by link, per variant: B's click on B's own link, none on A's.
    const linksByVariant = (await getExperimentReport(content))!.linksByVariant!;
    expect(linksByVariant.map((v) => v.key)).toEqual(["A", "B"]);
    expect(linksByVariant[1]).toMatchObject({
      links: [{ index: 0, url: "https://shop.test/spring-b", label: "See B", clicks: 1, uniqueClicks: 1 }],
    });
    expect(linksByVariant[0]!.links.length).toBeGreaterThan(0);
    expect(linksByVariant[0]!.links.every((l) => l.clicks === 0 && l.url !== "https://shop.test/spring-b")).toBe(true);

    sink().received.length = 0;
    const sender = await experimentCampaign(ids.slice(4), "Hello", {
      dimension: "sender_name",
      metric: "open",
      variants: [
        { key: "A", senderName: "Hearth & Home" },
        { key: "B", senderName: "Maya at Hearth" },
      ],
      testPercent: 100,
      waitMinutes: 60,
    });
    await scheduleCampaign({ id: sender, actor: testActor });
    await fanOutCampaign({ campaignId: sender });
    await sendOpenChunks(sender);
    const senderRows = await ledger(sender);
    expect(sink().received).toHaveLength(4);
    for (const m of sink().received) {
      const row = senderRows.find((r) => r.email === m.to)!;
      expect((await simpleParser(m.raw)).from?.value[0]?.name).toBe(row.variant === "B" ? "Maya at Hearth" : "Hearth & Home");
    }
  });
});

describe("bandit campaigns", () => {
  it(
    "shift the allocation towards the arm that gets more opens, wave after wave, and record it for the chart",
    { timeout: 120_000 },
    async () => {
      const ids = await seedCustomers(240);
      const id = await experimentCampaign(ids, "A: news", {
        mode: "bandit",
        dimension: "subject",
        metric: "open",
        variants: [{ key: "A" }, { key: "B", subject: "B: news" }],
        testPercent: 15,
        waitMinutes: 10,
      });
      await scheduleCampaign({ id, actor: testActor });
      await fanOutCampaign({ campaignId: id });
      const sample = createBetaSampler(11);
      const started = (await db.campaign.findUniqueOrThrow({ where: { id } })).startedAt!;
      const opensRate: Record<string, number> = { A: 0.1, B: 0.6 };
      const opened = new Set<number>();
      for (let wave = 1; wave <= 4; wave++) {
        await sendOpenChunks(id);
        // Constructed responses: each arm's new recipients open at its rate.
        const rows = await ledger(id);
        for (const key of ["A", "B"]) {
          const fresh = rows.filter((r) => r.variant === key && r.state === "sent" && !opened.has(r.customerId));
          for (const r of fresh.slice(0, Math.round(fresh.length * opensRate[key]!))) await open(id, r.customerId);
          for (const r of fresh) opened.add(r.customerId);
        }
        expect(await advanceBandit({ campaignId: id, now: new Date(started.getTime() + wave * 60_000), sample })).toEqual({
          status: "waiting",
        });
        const step = await advanceBandit({ campaignId: id, now: new Date(started.getTime() + wave * 11 * 60_000), sample });
        expect(step).toMatchObject({ status: "wave", wave, recipients: 36 });
      }
      const report = (await getExperimentReport(id))!;
      const shares = report.allocations.map((a) => a.shares.B!);
      expect(report.allocations.map((a) => a.wave)).toEqual([0, 1, 2, 3, 4]);
      expect(shares[0]).toBeCloseTo(0.5, 10);
      expect(shares.at(-1)).toBeGreaterThan(0.95);
      expect(shares[1]).toBeGreaterThan(0.8);
      const byVariant = await db.campaignSend.groupBy({
        by: ["variant"],
        where: { campaignId: id, state: { not: "held" } },
        _count: { _all: true },
      });
      const n = (k: string) => byVariant.find((r) => r.variant === k)?._count._all ?? 0;
      expect(n("A") + n("B")).toBe(36 * 5);
      expect(n("B")).toBeGreaterThan(3 * n("A"));
    },
  );
});
