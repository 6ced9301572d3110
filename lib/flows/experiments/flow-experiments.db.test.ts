import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCustomers, seedSettings, seedTemplateFrom } from "../../campaigns/campaign-fixtures";
import { closeRateLimiter } from "../../campaigns/rate-limiter";
import { db } from "../../db";
import { setEnv } from "../../env";
import { experimentCsvHeader } from "../../experiments/experiment-csv";
import { seedPurchases } from "../../experiments/experiment-fixtures";
import { createBetaSampler } from "../../experiments/thompson-sampling";
import { twoProportionTest } from "../../experiments/two-proportion-test";
import { summarize, welchTTest } from "../../experiments/welch-t-test";
import { getSettings } from "../../settings/get-settings";
import { closeTransports } from "../../sending/smtp-transport";
import { actor, liveFlow, minutes, TRACKED_MJML } from "../../../test/flow-test-kit";
import { startSmtpSink, type SmtpSink } from "../../../test/smtp-sink";
import { advanceFlowRuns } from "../advance-flow-runs";
import { processFlowSignals } from "../process-flow-signals";
import { drainFlowMessages } from "../run-flow-engine";
import type { FlowStep } from "../schemas";
import { updateFlowSteps } from "../update-flow-steps";
import { applyStepWinner } from "./apply-step-winner";
import { assignStepVariants } from "./assign-step-variants";
import { exportStepExperimentCsv } from "./export-step-experiment-csv";
import { getStepExperimentReport } from "./get-step-experiment-report";
import { stepExperimentSchema, type StepExperimentInput } from "./schemas";
import { sweepStepExperiments } from "./sweep-step-experiments";

// A send step's experiment: each person's variant is fixed in Postgres when they reach the step,
// the holdout gets nothing and goes on, a test's winner goes to everyone after it, a bandit shifts.
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: true });
  setEnv({ SMTP_URL: sink.url, NEXTAUTH_URL: "http://tailor.test" });
  await seedSettings();
});
afterAll(async () => {
  closeTransports();
  closeRateLimiter();
  setEnv({ SMTP_URL: undefined });
  await sink.close();
});

function sendStep(templateId: string, experiment: StepExperimentInput): FlowStep[] {
  return [
    { id: "mail", kind: "send_email", templateId, category: "marketing", subject: "Our own subject", experiment } as FlowStep,
    { id: "after", kind: "add_tag", tag: "reached-after" },
  ];
}

async function experimentFlow(name: string, experiment: StepExperimentInput, t0: Date) {
  const template = await seedTemplateFrom(TRACKED_MJML, "Template subject");
  const flow = await liveFlow(
    { name, trigger: { kind: "event", event: `Joined ${name}`, where: [] }, steps: sendStep(template, experiment) },
    t0,
  );
  return { flow, template };
}

async function enter(name: string, n: number, at: Date, prefix: string): Promise<number[]> {
  const people = await seedCustomers(n, { prefix });
  await db.$executeRaw`
    INSERT INTO events (customer_id, type, occurred_at, properties, source)
    SELECT unnest(${people}::int[]), ${`Joined ${name}`}, ${at}, '{}'::jsonb, 'tracking:test'`;
  await processFlowSignals({ now: at });
  await advanceFlowRuns({ now: at });
  return people;
}

async function variantsOf(people: number[]) {
  const rows = await db.flowMessage.findMany({
    where: { customerId: { in: people } },
    select: { customerId: true, variant: true, status: true, skipReason: true, experimentId: true },
  });
  return new Map(rows.map((r) => [r.customerId, r]));
}

/** Opens (or clicks) by people the step emailed, as the tracking endpoints record them. */
async function engage(flowId: string, people: number[], kind: "open" | "click") {
  if (!people.length) return;
  await db.$executeRaw`
    INSERT INTO email_interactions (flow_id, flow_step_id, customer_id, kind)
    SELECT ${flowId}, 'mail', unnest(${people}::int[]), ${kind}`;
}

const subjectOf = (raw: string) => /^Subject: (.*)$/im.exec(raw)?.[1]?.trim();

describe("experiments in flow send steps", () => {
  it("fixes each person's variant once, sends the holdout nothing and lets it continue the flow", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { flow } = await experimentFlow(
      "Stable",
      {
        dimension: "subject",
        variants: [{ key: "A" }, { key: "B", subject: "A better subject" }],
        holdoutPercent: 20,
        samplePerVariant: 50,
      },
      t0,
    );
    const people = await enter("Stable", 200, minutes(t0, 1), "stable");
    const rows = await variantsOf(people);
    expect(rows.size).toBe(200);
    const byVariant = (v: string) => [...rows.values()].filter((r) => r.variant === v);
    const holdout = byVariant("holdout");
    // 20 % held out, the rest dealt evenly (a fixed hash of run and step: within a few points).
    expect(holdout.length).toBeGreaterThan(25);
    expect(holdout.length).toBeLessThan(55);
    expect(Math.abs(byVariant("A").length - byVariant("B").length)).toBeLessThan(40);
    expect(holdout.every((r) => r.status === "skipped" && r.skipReason === "holdout")).toBe(true);
    // Everybody went on to the next step, the holdout included.
    const tagged = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM customers WHERE id = ANY(${people}::int[]) AND attributes -> 'tags' ? 'reached-after'`;
    expect(tagged[0]!.n).toBe(200);

    // A retry of the assignment (a pass taken again after a crash) gives each run the same variant.
    const runs = await db.flowRun.findMany({ where: { flowId: flow }, select: { id: true, customerId: true } });
    const step = (await db.flow.findUniqueOrThrow({ where: { id: flow } })).steps as unknown as FlowStep[];
    const again = await db.$transaction((tx) =>
      assignStepVariants({
        tx,
        now: minutes(t0, 5),
        flowId: flow,
        stepId: "mail",
        experiment: (step[0] as Extract<FlowStep, { kind: "send_email" }>).experiment!,
        runIds: runs.map((r) => r.id),
      }),
    );
    for (const r of runs) expect(again.variants.get(r.id)).toBe(rows.get(r.customerId)!.variant);
    expect(await db.flowStepExperiment.count({ where: { flowId: flow } })).toBe(1);

    // Delivery: each variant's subject, the holdout nothing, nobody twice.
    const before = sink.received.length;
    await drainFlowMessages({ now: minutes(t0, 1) });
    await drainFlowMessages({ now: minutes(t0, 10) });
    const mails = sink.received.slice(before);
    expect(mails.length).toBe(200 - holdout.length);
    const emails = new Map(
      (await db.customer.findMany({ where: { id: { in: people } }, select: { id: true, email: true } })).map((c) => [c.email!, c.id]),
    );
    for (const m of mails) {
      const variant = rows.get(emails.get(m.to)!)!.variant;
      expect(subjectOf(m.raw)).toBe(variant === "B" ? "A better subject" : "Our own subject");
    }
    expect(new Set(mails.map((m) => m.to)).size).toBe(mails.length);
  });

  it("decides the winner once every variant's sample is sent and the wait is over, then sends it to everyone after", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { flow } = await experimentFlow(
      "Winner",
      {
        dimension: "sender_name",
        metric: "open",
        variants: [{ key: "A" }, { key: "B", senderName: "Maya at Hearth" }],
        samplePerVariant: 30,
        waitMinutes: 60,
      },
      t0,
    );
    const first = await enter("Winner", 40, minutes(t0, 1), "winner-a");
    await drainFlowMessages({ now: minutes(t0, 1) });
    // Not yet 30 sent in each variant: the test waits for its sample.
    expect(await sweepStepExperiments({ now: minutes(t0, 2), flowId: flow })).toEqual({ looked: 1, decided: 0 });
    let report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.status).toBe("testing");
    expect(report.reason).toMatch(/Waiting for the sample: \d+ of 30/);

    const second = await enter("Winner", 60, minutes(t0, 3), "winner-b");
    await drainFlowMessages({ now: minutes(t0, 3) });
    const rows = await variantsOf([...first, ...second]);
    const sentTo = (v: string) => [...rows.entries()].filter(([, r]) => r.variant === v && r.status === "sent").map(([c]) => c);
    expect(sentTo("A").length).toBeGreaterThanOrEqual(30);
    expect(sentTo("B").length).toBeGreaterThanOrEqual(30);
    // B's readers open, A's hardly.
    await engage(flow, sentTo("B").slice(0, 24), "open");
    await engage(flow, sentTo("A").slice(0, 3), "open");
    await sweepStepExperiments({ now: minutes(t0, 4), flowId: flow });
    report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.status).toBe("testing");
    expect(report.reason).toMatch(/Sample sent/);
    expect(report.decidesAt).toBe(minutes(t0, 64).toISOString());
    // Nothing is decided before the horizon, however clear it looks.
    expect(await sweepStepExperiments({ now: minutes(t0, 63), flowId: flow })).toMatchObject({ decided: 0 });
    expect(await sweepStepExperiments({ now: minutes(t0, 64), flowId: flow })).toMatchObject({ decided: 1 });
    const decided = await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: flow } });
    expect(decided).toMatchObject({ status: "decided", winner: "B" });
    // The test used each variant's first 30 messages: exactly its sample.
    expect((decided.decision as { variants: { trials: number }[] }).variants.map((v) => v.trials)).toEqual([30, 30]);
    expect(await db.auditLog.count({ where: { action: "flow.experiment_decide", targetId: flow } })).toBe(1);

    // Everyone after gets the winner.
    const later = await enter("Winner", 20, minutes(t0, 70), "winner-c");
    const laterRows = await variantsOf(later);
    expect([...laterRows.values()].every((r) => r.variant === "B")).toBe(true);
    const before = sink.received.length;
    await drainFlowMessages({ now: minutes(t0, 70) });
    const mails = sink.received.slice(before);
    expect(mails.length).toBe(20);
    for (const m of mails) expect(m.raw).toMatch(/^From: "?Maya at Hearth"? </im);
    report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.winner).toBe("B");
    expect(report.variants[1]!.vsControl!.difference).toBeGreaterThan(0.2);
  });

  it("a sequential test stops as soon as the winner is clear; without one by the most per variant, everyone after gets A", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const setup = (name: string): StepExperimentInput => ({
      mode: "sequential",
      dimension: "subject",
      variants: [{ key: "A" }, { key: "B", subject: `${name} B` }],
      samplePerVariant: name === "Early" ? 1000 : 20,
    });
    const early = await experimentFlow("Early", setup("Early"), t0);
    const flat = await experimentFlow("Flat", setup("Flat"), t0);
    for (const name of ["Early", "Flat"]) {
      await enter(name, 100, minutes(t0, 1), `seq-${name}`);
      await drainFlowMessages({ now: minutes(t0, 1) });
    }
    const sentTo = async (flowId: string, v: string) =>
      (await db.flowMessage.findMany({ where: { flowId, variant: v, status: "sent" }, select: { customerId: true } })).map(
        (r) => r.customerId,
      );
    const earlyB = await sentTo(early.flow, "B");
    await engage(early.flow, earlyB.slice(0, Math.round(earlyB.length * 0.8)), "click");
    await engage(early.flow, (await sentTo(early.flow, "A")).slice(0, 2), "click");
    // Far from the most per variant (1000), the always-valid p-value already says B.
    expect(await sweepStepExperiments({ now: minutes(t0, 2), flowId: early.flow })).toMatchObject({ decided: 1 });
    expect(await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: early.flow } })).toMatchObject({
      status: "decided",
      winner: "B",
    });
    // Same rates in both variants, past the most per variant (20): inconclusive, the control for everyone after.
    for (const v of ["A", "B"]) await engage(flat.flow, (await sentTo(flat.flow, v)).slice(0, 5), "click");
    expect(await sweepStepExperiments({ now: minutes(t0, 2), flowId: flat.flow })).toMatchObject({ decided: 1 });
    const decided = await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: flat.flow } });
    expect(decided).toMatchObject({ status: "decided", winner: "A" });
    expect((decided.decision as { status: string }).status).toBe("inconclusive");
    const later = await enter("Flat", 10, minutes(t0, 3), "seq-flat-later");
    expect([...(await variantsOf(later)).values()].every((r) => r.variant === "A")).toBe(true);
  });

  it("a bandit moves the share of the people who come next towards the arm that gets more clicks", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { flow } = await experimentFlow(
      "Bandit",
      {
        mode: "bandit",
        dimension: "preheader",
        metric: "click",
        variants: [{ key: "A" }, { key: "B", preheader: "Free delivery today" }, { key: "C", preheader: "Last chance" }],
        waitMinutes: 10,
      },
      t0,
    );
    const sample = createBetaSampler(7);
    const clickRate: Record<string, number> = { A: 0.04, B: 0.3, C: 0.08 };
    const shareOfB: number[] = [];
    for (let wave = 0; wave < 5; wave++) {
      const at = minutes(t0, 1 + wave * 10);
      const people = await enter("Bandit", 80, at, `bandit-${wave}`);
      await drainFlowMessages({ now: at });
      const rows = await variantsOf(people);
      shareOfB.push([...rows.values()].filter((r) => r.variant === "B").length / people.length);
      // Simulated clicks: every k-th person of an arm clicks, at the arm's rate.
      for (const key of ["A", "B", "C"]) {
        const sent = [...rows.entries()].filter(([, r]) => r.variant === key && r.status === "sent").map(([c]) => c);
        await engage(
          flow,
          sent.filter((_, i) => Math.floor((i + 1) * clickRate[key]!) > Math.floor(i * clickRate[key]!)),
          "click",
        );
      }
      expect(await sweepStepExperiments({ now: minutes(at, 10), sample, flowId: flow })).toMatchObject({ looked: 1 });
    }
    const allocations = await db.flowStepExperimentAllocation.findMany({
      where: { experiment: { flowId: flow } },
      orderBy: { wave: "asc" },
    });
    expect(allocations.length).toBe(6);
    expect((allocations[0]!.shares as Record<string, number>).B).toBeCloseTo(1 / 3);
    expect((allocations.at(-1)!.shares as Record<string, number>).B).toBeGreaterThan(0.9);
    // The first wave was dealt evenly; the last went mostly to B.
    expect(shareOfB[0]).toBeLessThan(0.5);
    expect(shareOfB.at(-1)).toBeGreaterThan(0.75);
    const report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.allocations.length).toBe(6);
    expect(report.reason).toMatch(/^B is most likely the best/);
  }, 180_000);

  it("an edit of the experiment starts a new setup: people already past keep theirs, new ones are assigned afresh", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const experiment: StepExperimentInput = {
      dimension: "subject",
      variants: [{ key: "A" }, { key: "B", subject: "Take two" }],
      samplePerVariant: 10,
    };
    const { flow, template } = await experimentFlow("Edited", experiment, t0);
    const first = await enter("Edited", 20, minutes(t0, 1), "edited-a");
    const firstRows = await variantsOf(first);
    await updateFlowSteps({
      id: flow,
      steps: sendStep(template, { ...experiment, variants: [{ key: "A" }, { key: "B", subject: "Take three" }] }),
      actor,
    });
    const second = await enter("Edited", 20, minutes(t0, 2), "edited-b");
    const secondRows = await variantsOf(second);
    const setups = await db.flowStepExperiment.findMany({ where: { flowId: flow }, orderBy: { id: "asc" } });
    expect(setups.length).toBe(2);
    expect([...firstRows.values()].every((r) => r.experimentId === setups[0]!.id)).toBe(true);
    expect([...secondRows.values()].every((r) => r.experimentId === setups[1]!.id)).toBe(true);
    // A message assigned under the first setup is rendered as it was set up then.
    const before = sink.received.length;
    await drainFlowMessages({ now: minutes(t0, 2) });
    const subjects = new Set(sink.received.slice(before).map((m) => subjectOf(m.raw)));
    expect(subjects).toEqual(new Set(["Our own subject", "Take two", "Take three"]));
    // A content variant must name a template that exists.
    await expect(
      updateFlowSteps({
        id: flow,
        steps: sendStep(template, { dimension: "content", variants: [{ key: "A" }, { key: "B", templateId: "no-such-template" }] }),
        actor,
      }),
    ).rejects.toThrow(/template no-such-template, which does not exist/);
    const report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.earlier).toBe(20);
    expect(report.variants.reduce((s, v) => s + v.sent, 0)).toBe(20);
  });
});

// Conversion, revenue per recipient and send time (decision 146), and ending an experiment by
// applying a variant to the step.
const day = 86_400_000;
/** A purchase a minute from now: after the messages just sent (attribution counts from each send). */
const soon = () => new Date(Date.now() + 60_000);
const marketer = { id: null, label: "marketer@test" };

/** The step's messages of `variant` sent, in the order they were sent (a fixed test's sample is each variant's first). */
const sentOf = async (flowId: string, variant: string) =>
  (await db.flowMessage.findMany({ where: { flowId, variant, status: "sent" }, orderBy: [{ sentAt: "asc" }, { id: "asc" }] })).map(
    (m) => m.customerId,
  );

/** Interactions at a given time (after the send or outside a send-time test's window). */
async function engageAt(flowId: string, people: number[], kind: "open" | "click", at: Date) {
  if (!people.length) return;
  await db.$executeRaw`
    INSERT INTO email_interactions (flow_id, flow_step_id, customer_id, kind, occurred_at)
    SELECT ${flowId}, 'mail', unnest(${people}::int[]), ${kind}, ${at}`;
}

describe("flow step experiments on purchases and send times", () => {
  it("decides on conversion: a purchase within the attribution window after each person's send, on the sample", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { flow } = await experimentFlow(
      "Buyers",
      {
        dimension: "subject",
        metric: "conversion",
        variants: [{ key: "A" }, { key: "B", subject: "Buyers B" }],
        holdoutPercent: 20,
        samplePerVariant: 20,
        waitMinutes: 60,
      },
      t0,
    );
    await enter("Buyers", 100, minutes(t0, 1), "buyers");
    await drainFlowMessages({ now: minutes(t0, 1) });
    const [A, B, held] = [
      await sentOf(flow, "A"),
      await sentOf(flow, "B"),
      await db.flowMessage.findMany({ where: { flowId: flow, variant: "holdout" } }),
    ];
    expect(Math.min(A.length, B.length)).toBeGreaterThanOrEqual(20);
    // In the sample: B 10 of 20 bought after their email, A 1 of 20. A's others bought before their email
    // or after the 5-day window (not counted), and one A beyond the sample bought (the report counts it, the decision not).
    await seedPurchases([
      ...B.slice(0, 10).map((customerId) => ({ customerId, total: 40, at: soon() })),
      { customerId: A[0]!, total: 40, at: soon() },
      ...A.slice(1, 8).map((customerId) => ({ customerId, total: 40, at: new Date(Date.now() - day) })),
      ...A.slice(8, 15).map((customerId) => ({ customerId, total: 40, at: new Date(Date.now() + 6 * day) })),
      { customerId: A[20]!, total: 40, at: soon() },
      { customerId: held[0]!.customerId, total: 40, at: soon() },
    ]);
    await sweepStepExperiments({ now: minutes(t0, 2), flowId: flow });
    let report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.reason).toBe("Sample sent: waiting for its purchases before deciding");
    expect(await sweepStepExperiments({ now: minutes(t0, 61), flowId: flow })).toMatchObject({ decided: 0 });
    expect(await sweepStepExperiments({ now: minutes(t0, 62), flowId: flow })).toMatchObject({ decided: 1 });
    const decided = await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: flow } });
    expect(decided).toMatchObject({ status: "decided", winner: "B" });
    expect((decided.decision as { variants: unknown }).variants).toEqual([
      { id: "A", successes: 1, trials: 20 },
      { id: "B", successes: 10, trials: 20 },
    ]);
    report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    const [a, b] = report.variants;
    expect(a).toMatchObject({ converted: 2, sent: A.length });
    expect(b).toMatchObject({ converted: 10, sent: B.length, revenue: 400 });
    expect(b!.metric.value).toBeCloseTo(10 / B.length);
    const p = twoProportionTest({ successes: 2, trials: A.length }, { successes: 10, trials: B.length }).pValue;
    expect(b!.vsControl!.pValue).toBeCloseTo(p, 12);
    expect(report.holdout).toMatchObject({ size: held.length, converted: 1 });
    expect(report.lift!.absoluteLift).toBeCloseTo(12 / (A.length + B.length) - 1 / held.length, 12);
  });

  it("decides revenue per recipient with Welch's t at the horizon; the sequential test and a send-time bandit are refused", async () => {
    const refused = stepExperimentSchema.safeParse({
      mode: "sequential",
      dimension: "subject",
      metric: "revenue",
      variants: [{ key: "A" }, { key: "B", subject: "x" }],
    });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.message).toMatch(/fixed horizon only/);
    const bandit = stepExperimentSchema.safeParse({
      mode: "bandit",
      dimension: "send_time",
      variants: [{ key: "A" }, { key: "B", sendTime: "18:00" }],
    });
    expect(bandit.error!.issues[0]!.message).toMatch(/A bandit cannot learn a send time/);

    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { flow } = await experimentFlow(
      "Spenders",
      {
        dimension: "preheader",
        metric: "revenue",
        variants: [{ key: "A" }, { key: "B", preheader: "Spend more" }],
        holdoutPercent: 10,
        samplePerVariant: 15,
        waitMinutes: 30,
      },
      t0,
    );
    await enter("Spenders", 60, minutes(t0, 1), "spenders");
    await drainFlowMessages({ now: minutes(t0, 1) });
    const [A, B] = [(await sentOf(flow, "A")).slice(0, 15), (await sentOf(flow, "B")).slice(0, 15)];
    // As many buyers in each (same conversion), B's spend far more.
    const spendA = [20, 25, 30, 22, 28, 24];
    const spendB = [150, 180, 120, 160, 140, 170];
    await seedPurchases([
      ...spendA.map((total, i) => ({ customerId: A[i]!, total, at: soon() })),
      ...spendB.map((total, i) => ({ customerId: B[i]!, total, at: soon() })),
    ]);
    await sweepStepExperiments({ now: minutes(t0, 2), flowId: flow });
    expect(await sweepStepExperiments({ now: minutes(t0, 32), flowId: flow })).toMatchObject({ decided: 1 });
    const decided = await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: flow } });
    const look = decided.decision as { variants: { mean: number }[]; comparisons: { pValue: number }[] };
    const values = (spend: number[]) => [...spend, ...Array(15 - spend.length).fill(0)];
    const welch = welchTTest(summarize(values(spendA)), summarize(values(spendB)));
    expect(look.comparisons[0]!.pValue).toBeCloseTo(welch.pValue, 10);
    expect(look.variants[0]!.mean).toBeCloseTo(summarize(values(spendA)).mean, 10);
    expect(look.variants[1]!.mean).toBeCloseTo(summarize(values(spendB)).mean, 10);
    expect(decided).toMatchObject({ status: "decided", winner: "B" });
    const report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.currency).toBeTruthy();
    expect(report.variants[1]!.revenuePerRecipient.value).toBeCloseTo(summarize(values(spendB)).mean * (15 / report.variants[1]!.sent), 8);
    expect(report.variants[1]!.vsControl!.difference).toBeGreaterThan(20);
  });

  it("a send-time variant waits for its hour in the person's zone and counts responses within the wait after each send", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { timeZone } = await getSettings();
    const { flow } = await experimentFlow(
      "Evening",
      {
        dimension: "send_time",
        metric: "open",
        variants: [{ key: "A" }, { key: "B", sendTime: "18:30" }],
        samplePerVariant: 10,
        waitMinutes: 60,
      },
      t0,
    );
    const people = await enter("Evening", 50, minutes(t0, 1), "evening");
    const rows = await db.flowMessage.findMany({ where: { customerId: { in: people } } });
    const bRows = rows.filter((r) => r.variant === "B");
    expect(bRows.length).toBeGreaterThanOrEqual(11);
    expect(rows.filter((r) => r.variant === "A").every((r) => r.status === "queued" && r.dueAt === null)).toBe(true);
    const due = bRows[0]!.dueAt!;
    expect(bRows.every((r) => r.status === "waiting" && r.dueAt!.getTime() === due.getTime())).toBe(true);
    // The next 18:30 on the installation's clock (these people have no zone of their own), within a day.
    const wall = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(due);
    expect(wall).toBe("18:30");
    expect(due.getTime()).toBeGreaterThan(minutes(t0, 1).getTime());
    expect(due.getTime()).toBeLessThanOrEqual(minutes(t0, 1).getTime() + day);
    // Everyone went on with the flow meanwhile.
    expect(await db.flowRun.count({ where: { flowId: flow, status: "active" } })).toBe(0);

    // Before its time only A goes out; one B person leaves the flow (an exit) before theirs: not sent.
    const before = sink.received.length;
    await drainFlowMessages({ now: minutes(t0, 2) });
    expect(sink.received.length - before).toBe(rows.length - bRows.length);
    await db.flowRun.updateMany({
      where: { flowId: flow, customerId: bRows[0]!.customerId },
      data: { status: "exited", exitReason: "test" },
    });
    await drainFlowMessages({ now: new Date(due.getTime() + 60_000) });
    expect(sink.received.length - before).toBe(rows.length - 1);
    expect(await db.flowMessage.findFirstOrThrow({ where: { id: bRows[0]!.id } })).toMatchObject({
      status: "skipped",
      skipReason: "exited",
    });

    // Responses: A's people open two hours after their email (outside the 60-minute window), B's within it.
    const [A, B] = [await sentOf(flow, "A"), await sentOf(flow, "B")];
    await engageAt(flow, A.slice(0, 8), "open", new Date(Date.now() + 2 * 3_600_000));
    await engageAt(flow, B.slice(0, 3), "open", new Date(Date.now() + 10 * 60_000));
    const after = new Date(due.getTime() + 2 * 60_000);
    await sweepStepExperiments({ now: after, flowId: flow });
    expect(await sweepStepExperiments({ now: new Date(after.getTime() + 61 * 60_000), flowId: flow })).toMatchObject({ decided: 1 });
    const decided = await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: flow } });
    expect((decided.decision as { variants: unknown }).variants).toEqual([
      { id: "A", successes: 0, trials: 10 },
      { id: "B", successes: 3, trials: 10 },
    ]);
    const report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report.variants.map((v) => v.value)).toEqual(["as soon as they reach the step", "18:30 in each recipient's time zone"]);
  });

  it("applies the decided winner to the step: later entrants get it as the step's own email, the setup is closed and audit-logged", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { flow } = await experimentFlow(
      "Apply",
      {
        dimension: "subject",
        metric: "open",
        variants: [{ key: "A" }, { key: "B", subject: "The winning subject" }],
        holdoutPercent: 30,
        samplePerVariant: 10,
        waitMinutes: 5,
      },
      t0,
    );
    // No decision yet and no variant chosen: nothing to apply.
    await expect(applyStepWinner({ flowId: flow, stepId: "mail", actor: marketer })).rejects.toThrow(/No winner has been decided yet/);
    await enter("Apply", 60, minutes(t0, 1), "apply");
    await drainFlowMessages({ now: minutes(t0, 1) });
    await engage(flow, (await sentOf(flow, "B")).slice(0, 9), "open");
    await sweepStepExperiments({ now: minutes(t0, 2), flowId: flow });
    await sweepStepExperiments({ now: minutes(t0, 8), flowId: flow });
    expect(await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: flow } })).toMatchObject({ status: "decided", winner: "B" });

    expect(await applyStepWinner({ flowId: flow, stepId: "mail", actor: marketer })).toEqual({ variant: "B", decided: true });
    const steps = (await db.flow.findUniqueOrThrow({ where: { id: flow } })).steps as unknown as FlowStep[];
    expect(steps[0]).toMatchObject({ id: "mail", kind: "send_email", subject: "The winning subject" });
    expect((steps[0] as { experiment?: unknown }).experiment).toBeUndefined();
    expect(steps[1]).toMatchObject({ id: "after", kind: "add_tag" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "flow.experiment_winner_applied", targetId: flow } });
    expect(audit).toMatchObject({ actorLabel: "marketer@test" });
    expect(audit.after).toMatchObject({ stepId: "mail", variant: "B", decided: true, value: "The winning subject" });
    expect(await db.auditLog.count({ where: { action: "flow.updated", targetId: flow } })).toBe(1);

    // Later entrants: no variant, no holdout, the winning subject.
    const later = await enter("Apply", 10, minutes(t0, 20), "apply-later");
    const laterRows = await variantsOf(later);
    expect([...laterRows.values()].every((r) => r.variant === null && r.experimentId === null && r.status === "queued")).toBe(true);
    const before = sink.received.length;
    await drainFlowMessages({ now: minutes(t0, 20) });
    const mails = sink.received.slice(before);
    expect(mails.length).toBe(10);
    for (const m of mails) expect(subjectOf(m.raw)).toBe("The winning subject");

    // The panel keeps the ended experiment's figures, with A labelled by the step's subject before.
    const report = (await getStepExperimentReport({ flowId: flow, stepId: "mail" }))!;
    expect(report).toMatchObject({ status: "applied", winner: "B" });
    expect(report.variants.map((v) => v.value)).toEqual(["Our own subject", "The winning subject"]);
    expect(report.variants.reduce((s, v) => s + v.sent, 0)).toBeGreaterThan(0);

    // Its figures as CSV: a row per variant, the holdout, everyone sent.
    const csv = (await exportStepExperimentCsv({ flowId: flow, stepId: "mail" })).trim().split("\n");
    expect(csv[0]).toBe(experimentCsvHeader.join(","));
    const cols = (line: string) => Object.fromEntries(line.split(",").map((v, i) => [experimentCsvHeader[i]!, v]));
    const [a, b, holdout, all] = csv.slice(1).map(cols);
    expect(a).toMatchObject({ variant: "A", value: "Our own subject", recipients: String(report.variants[0]!.sent), decision: "" });
    expect(b).toMatchObject({
      variant: "B",
      recipients: String(report.variants[1]!.sent),
      opened: "9",
      metric: "open rate",
      decision: "winner",
    });
    expect(Number(b!.open_rate)).toBeCloseTo(9 / report.variants[1]!.sent, 12);
    expect(Number(b!.vs_a_p_value)).toBeCloseTo(report.variants[1]!.vsControl!.pValue, 12);
    expect(holdout).toMatchObject({ variant: "holdout", recipients: String(report.holdout!.size) });
    expect(all).toMatchObject({ variant: "all sent", decision: "B applied to the step" });
  });

  it("applies a variant a marketer chose before any decision, ending the test", async () => {
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { flow } = await experimentFlow(
      "Chosen",
      { dimension: "sender_name", variants: [{ key: "A" }, { key: "B", senderName: "Maya at Hearth" }], samplePerVariant: 100 },
      t0,
    );
    await enter("Chosen", 10, minutes(t0, 1), "chosen");
    await expect(applyStepWinner({ flowId: flow, stepId: "mail", variant: "C", actor: marketer })).rejects.toThrow(/no variant C/);
    expect(await applyStepWinner({ flowId: flow, stepId: "mail", variant: "B", actor: marketer, now: minutes(t0, 2) })).toEqual({
      variant: "B",
      decided: false,
    });
    const setup = await db.flowStepExperiment.findFirstOrThrow({ where: { flowId: flow } });
    expect(setup).toMatchObject({ status: "decided", winner: "B", decidedAt: minutes(t0, 2) });
    // The sweep leaves it alone; the next people get B's sender name from the step itself.
    expect(await sweepStepExperiments({ now: minutes(t0, 3), flowId: flow })).toEqual({ looked: 0, decided: 0 });
    await drainFlowMessages({ now: minutes(t0, 3) });
    const before = sink.received.length;
    await enter("Chosen", 5, minutes(t0, 4), "chosen-later");
    await drainFlowMessages({ now: minutes(t0, 4) });
    const mails = sink.received.slice(before);
    expect(mails.length).toBe(5);
    for (const m of mails) expect(m.raw).toMatch(/^From: "?Maya at Hearth"? </im);
    await expect(applyStepWinner({ flowId: flow, stepId: "mail", actor: marketer })).rejects.toThrow(/no experiment running/);
  });
});
