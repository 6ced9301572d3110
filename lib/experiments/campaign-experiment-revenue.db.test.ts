import { describe, expect, it } from "vitest";
import { pythonHas, runPython } from "../../test/python-reference";
import { seedCustomers, testActor } from "../campaigns/campaign-fixtures";
import { fanOutCampaign } from "../campaigns/fan-out-campaign";
import { scheduleCampaign } from "../campaigns/schedule-campaign";
import { db } from "../db";
import { advanceBandit } from "./advance-bandit";
import { decideCampaignExperiment, type ExperimentLook } from "./decide-campaign-experiment";
import { experimentCampaign, ledger, seedPurchases, sendOpenChunks, setUpExperimentTests } from "./experiment-fixtures";
import { experimentCsvHeader } from "./experiment-csv";
import { exportCampaignExperimentCsv } from "./export-campaign-experiment-csv";
import { getExperimentReport } from "./get-experiment-report";
import { holdoutLift } from "./holdout-lift";
import { createNormalSampler } from "./thompson-sampling";
import { twoProportionTest } from "./two-proportion-test";
import { summarize, welchTTest } from "./welch-t-test";

setUpExperimentTests();
const hasScipy = pythonHas("scipy.stats");
const day = 86_400_000;
const csvRows = (csv: string) =>
  csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => Object.fromEntries(line.split(",").map((v, i) => [experimentCsvHeader[i]!, v])));
/** A moment after the test's sends (orders are attributed from the send on). */
const soon = () => new Date(Date.now() + 60_000);

/** A test on `metric` with a holdout: fanned out, its test portion sent; returns the campaign, its rows by variant and its start. */
async function sentTest(customers: number, metric: "conversion" | "revenue", testPercent: number) {
  const ids = await seedCustomers(customers);
  const id = await experimentCampaign(ids, "A: spring", {
    dimension: "subject",
    metric,
    variants: [{ key: "A" }, { key: "B", subject: "B: spring" }],
    testPercent,
    holdoutPercent: 10,
    method: "fixed",
    waitMinutes: 60,
  });
  await scheduleCampaign({ id, actor: testActor });
  await fanOutCampaign({ campaignId: id });
  await sendOpenChunks(id);
  const rows = await ledger(id);
  const of = (variant: string) => rows.filter((r) => r.variant === variant).map((r) => r.customerId);
  const started = (await db.campaign.findUniqueOrThrow({ where: { id } })).startedAt!;
  return { id, A: of("A"), B: of("B"), holdout: of("holdout"), held: rows.filter((r) => r.state === "held").length, started };
}

const lookOf = async (campaignId: string) =>
  (await db.campaignExperiment.findUniqueOrThrow({ where: { campaignId } })).decision as unknown as ExperimentLook;

describe("A/B tests on conversion rate", () => {
  it("count a purchase within the attribution window after each recipient's send, not before it nor after the window, and decide at the horizon", async () => {
    const t = await sentTest(100, "conversion", 50);
    expect([t.A.length, t.B.length, t.holdout.length, t.held]).toEqual([25, 25, 10, 40]);
    // Within the window: B 10 of 25, A 1 of 25. Outside it, many of A's: before the send, and 6 days after (the window is 5 days).
    await seedPurchases([
      ...t.B.slice(0, 10).map((customerId) => ({ customerId, total: 30, at: soon() })),
      { customerId: t.A[0]!, total: 30, at: soon() },
      ...t.A.slice(1, 13).map((customerId) => ({ customerId, total: 30, at: new Date(Date.now() - day) })),
      ...t.A.slice(13, 25).map((customerId) => ({ customerId, total: 30, at: new Date(Date.now() + 6 * day) })),
      { customerId: t.holdout[0]!, total: 30, at: soon() },
    ]);
    const at = (minutes: number) => new Date(t.started.getTime() + minutes * 60_000);
    expect(await decideCampaignExperiment({ campaignId: t.id, now: at(59) })).toEqual({ status: "continue" });
    expect(await decideCampaignExperiment({ campaignId: t.id, now: at(61) })).toEqual({ status: "winner", winner: "B", released: 40 });
    const look = await lookOf(t.id);
    expect(look.variants).toEqual([
      { id: "A", successes: 1, trials: 25 },
      { id: "B", successes: 10, trials: 25 },
    ]);
    const p = twoProportionTest({ successes: 1, trials: 25 }, { successes: 10, trials: 25 }).pValue;
    expect(look.comparisons).toEqual([{ againstId: "A", pValue: p, significant: true }]);

    const report = (await getExperimentReport(t.id))!;
    const [a, b] = report.variants;
    expect(a).toMatchObject({ key: "A", sent: 25, converted: 1, conversion: { value: 0.04 }, metric: { value: 0.04 } });
    expect(b).toMatchObject({
      key: "B",
      sent: 25,
      converted: 10,
      conversion: { value: 0.4 },
      revenuePerRecipient: { value: 12 },
      revenue: 300,
    });
    expect(b!.vsControl!.pValue).toBe(p);
    expect(b!.vsControl!.difference).toBeCloseTo(0.36, 12);
    expect(b!.conversion.lower).toBeLessThan(0.4);
    expect(b!.conversion.upper).toBeGreaterThan(0.4);
    expect(report.holdout).toEqual({ size: 10, converted: 1, rate: 0.1, revenuePerRecipient: 3 });
    expect(report.lift).toEqual(holdoutLift({ treated: { successes: 11, trials: 50 }, holdout: { successes: 1, trials: 10 } }));
  });
});

describe("A/B tests on revenue per recipient", () => {
  it(
    "decide by Welch's t at the horizon (the figures SciPy gives), by money and not by buyers; the report gives each variant's interval and the revenue lift over the holdout",
    { timeout: 60_000 },
    async () => {
      const t = await sentTest(100, "revenue", 60);
      expect([t.A.length, t.B.length, t.holdout.length, t.held]).toEqual([30, 30, 10, 30]);
      // A: more buyers (14) of small baskets; B: fewer (10), larger ones. The holdout: one buyer.
      const aTotals = t.A.map((_, i) => (i < 14 ? 10 : 0));
      const bTotals = t.B.map((_, i) => (i < 10 ? 100 + 10 * i : 0));
      const holdoutTotals = t.holdout.map((_, i) => (i === 0 ? 30 : 0));
      const buys = (ids: number[], totals: number[]) =>
        ids.flatMap((customerId, i) => (totals[i] ? [{ customerId, total: totals[i]!, at: soon() }] : []));
      await seedPurchases([...buys(t.A, aTotals), ...buys(t.B, bTotals), ...buys(t.holdout, holdoutTotals)]);
      // One of B's buyers paid in two orders (both count): 100 + 25.
      await seedPurchases([{ customerId: t.B[0]!, total: 25, at: soon() }]);
      bTotals[0] = 125;

      expect(await decideCampaignExperiment({ campaignId: t.id, now: new Date(t.started.getTime() + 61 * 60_000) })).toEqual({
        status: "winner",
        winner: "B",
        released: 30,
      });
      const expected = welchTTest(summarize(aTotals), summarize(bTotals));
      const look = await lookOf(t.id);
      expect(look.leaderId).toBe("B");
      expect(look.comparisons[0]!.pValue).toBeCloseTo(expected.pValue, 12);
      expect(look.variants[1]).toMatchObject({ id: "B", successes: 10, trials: 30 });
      expect(look.variants[1]!.mean).toBeCloseTo(summarize(bTotals).mean, 10);
      expect(look.variants[1]!.variance).toBeCloseTo(summarize(bTotals).variance, 8);

      const report = (await getExperimentReport(t.id))!;
      const [a, b] = report.variants;
      expect(a).toMatchObject({ converted: 14, revenue: 140 });
      expect(b).toMatchObject({ converted: 10, revenue: 1475 });
      expect(b!.metric.value).toBeCloseTo(1475 / 30, 10);
      expect(b!.vsControl!.difference).toBeCloseTo(expected.difference, 10);
      expect(b!.vsControl!.lower).toBeCloseTo(expected.lower, 8);
      expect(b!.vsControl!.upper).toBeCloseTo(expected.upper, 8);
      const lift = welchTTest(summarize(holdoutTotals), summarize([...aTotals, ...bTotals]));
      expect(report.revenueLift!.difference).toBeCloseTo(lift.difference, 10);
      expect(report.revenueLift!.lower).toBeCloseTo(lift.lower, 8);
      expect(report.revenueLift!.pValue).toBeCloseTo(lift.pValue, 10);
      expect(report.revenueLift!.relative).toBeCloseTo(lift.difference / 3, 10);

      if (hasScipy) {
        const [[pB, lowB, highB], [pLift]] = runPython<[[number, number, number], [number]]>(
          `import json,sys
import numpy as np
from scipy.stats import ttest_ind, t as student
out=[]
for a,b in json.load(sys.stdin):
    r=ttest_ind(b,a,equal_var=False)
    va,vb=np.var(a,ddof=1)/len(a),np.var(b,ddof=1)/len(b)
    df=(va+vb)**2/(va**2/(len(a)-1)+vb**2/(len(b)-1))
    h=student.ppf(0.975,df)*np.sqrt(va+vb)
    d=np.mean(b)-np.mean(a)
    out.append([float(r.pvalue),float(d-h),float(d+h)])
print(json.dumps(out))`,
          [
            [aTotals, bTotals],
            [holdoutTotals, [...aTotals, ...bTotals]],
          ],
        );
        expect(b!.vsControl!.pValue).toBeCloseTo(pB!, 9);
        expect(b!.vsControl!.lower).toBeCloseTo(lowB!, 7);
        expect(b!.vsControl!.upper).toBeCloseTo(highB!, 7);
        expect(report.revenueLift!.pValue).toBeCloseTo(pLift!, 9);
      }
    },
  );

  it("give the control to the rest when revenue per recipient differs by no more than chance", async () => {
    const t = await sentTest(60, "revenue", 60);
    await seedPurchases([
      ...t.A.slice(0, 4).map((customerId, i) => ({ customerId, total: 40 + i, at: soon() })),
      ...t.B.slice(0, 5).map((customerId, i) => ({ customerId, total: 38 + i, at: soon() })),
    ]);
    expect(await decideCampaignExperiment({ campaignId: t.id, now: new Date(t.started.getTime() + 61 * 60_000) })).toEqual({
      status: "inconclusive",
      winner: "A",
      released: t.held,
    });
    expect((await lookOf(t.id)).leaderId).toBe("B");
  });
});

describe("bandits on revenue per recipient", () => {
  it("shift the next wave towards the arm that earns more per recipient (normal posteriors of the means)", async () => {
    const ids = await seedCustomers(120);
    const id = await experimentCampaign(ids, "A: news", {
      mode: "bandit",
      dimension: "subject",
      metric: "revenue",
      variants: [{ key: "A" }, { key: "B", subject: "B: news" }],
      testPercent: 20,
      waitMinutes: 10,
    });
    await scheduleCampaign({ id, actor: testActor });
    await fanOutCampaign({ campaignId: id });
    await sendOpenChunks(id);
    const rows = await ledger(id);
    const of = (variant: string) => rows.filter((r) => r.variant === variant).map((r) => r.customerId);
    await seedPurchases([
      ...of("B")
        .slice(0, 5)
        .map((customerId, i) => ({ customerId, total: 90 + i * 5, at: soon() })),
      { customerId: of("A")[0]!, total: 20, at: soon() },
    ]);
    const started = (await db.campaign.findUniqueOrThrow({ where: { id } })).startedAt!;
    const step = await advanceBandit({
      campaignId: id,
      now: new Date(started.getTime() + 11 * 60_000),
      sampleNormal: createNormalSampler(3),
    });
    expect(step).toMatchObject({ status: "wave", wave: 1, recipients: 24 });
    expect(step.shares!.B).toBeGreaterThan(0.95);
    const wave = await db.campaignExperimentAllocation.findUniqueOrThrow({ where: { campaignId_wave: { campaignId: id, wave: 1 } } });
    expect((wave.arms as Record<string, { mean: number }>).B!.mean).toBeCloseTo((90 + 95 + 100 + 105 + 110) / 12, 10);
  });
});

describe("the experiment's figures as CSV", () => {
  it("has each variant's recipients, responses, rates, intervals, lift over the holdout and the decision, as the report", async () => {
    const t = await sentTest(100, "conversion", 50);
    const id = t.id;
    await seedPurchases([
      ...t.B.slice(0, 10).map((customerId) => ({ customerId, total: 30, at: soon() })),
      { customerId: t.A[0]!, total: 50, at: soon() },
      { customerId: t.holdout[0]!, total: 20, at: soon() },
    ]);
    await expect(exportCampaignExperimentCsv("no-such-campaign")).rejects.toThrow(/no experiment/);
    await decideCampaignExperiment({ campaignId: id, now: new Date(t.started.getTime() + 61 * 60_000) });

    const csv = await exportCampaignExperimentCsv(id);
    expect(csv.split("\n")[0]).toBe(experimentCsvHeader.join(","));
    const [a, b, holdout, all] = csvRows(csv);
    const report = (await getExperimentReport(id))!;
    expect(a).toMatchObject({ variant: "A", value: "A: spring", recipients: "25", converted: "1", revenue: "50", decision: "" });
    expect(b).toMatchObject({ variant: "B", value: "B: spring", recipients: "25", converted: "10", revenue: "300", decision: "winner" });
    expect(b!.metric).toBe("conversion rate");
    expect(Number(b!.conversion_rate)).toBe(0.4);
    expect(Number(b!.conversion_rate_lower)).toBeCloseTo(report.variants[1]!.conversion.lower, 12);
    expect(Number(b!.revenue_per_recipient)).toBeCloseTo(12, 12);
    expect(Number(b!.vs_a_difference)).toBeCloseTo(0.36, 12);
    expect(Number(b!.vs_a_p_value)).toBeCloseTo(report.variants[1]!.vsControl!.pValue, 12);
    // B's conversion against the holdout's (1 of 10), with Newcombe's interval.
    const lift = holdoutLift({ treated: { successes: 10, trials: 25 }, holdout: { successes: 1, trials: 10 } });
    expect(Number(b!.lift_over_holdout)).toBeCloseTo(lift.absoluteLift, 12);
    expect(Number(b!.lift_over_holdout_lower)).toBeCloseTo(lift.lower, 12);
    expect(holdout).toMatchObject({ variant: "holdout", recipients: "10", converted: "1", revenue: "20" });
    expect(all).toMatchObject({ variant: "all sent", recipients: "50", converted: "11", revenue: "350" });
    expect(Number(all!.lift_over_holdout)).toBeCloseTo(report.lift!.absoluteLift, 12);
    expect(all!.decision).toBe("winner B: B beats every other variant");
  });
});
