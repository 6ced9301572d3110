import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCustomers, seedSettings, seedTemplateFrom } from "../../campaigns/campaign-fixtures";
import { closeRateLimiter } from "../../campaigns/rate-limiter";
import { db } from "../../db";
import { setEnv } from "../../env";
import { createBetaSampler } from "../../experiments/thompson-sampling";
import { closeTransports } from "../../sending/smtp-transport";
import { actor, liveFlow, minutes, TRACKED_MJML } from "../../../test/flow-test-kit";
import { startSmtpSink, type SmtpSink } from "../../../test/smtp-sink";
import { advanceFlowRuns } from "../advance-flow-runs";
import { processFlowSignals } from "../process-flow-signals";
import { drainFlowMessages } from "../run-flow-engine";
import type { FlowStep } from "../schemas";
import { updateFlowSteps } from "../update-flow-steps";
import { assignStepVariants } from "./assign-step-variants";
import { getStepExperimentReport } from "./get-step-experiment-report";
import type { StepExperimentInput } from "./schemas";
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
