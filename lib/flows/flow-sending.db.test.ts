import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCustomers, seedSettings, seedTemplateFrom } from "../campaigns/campaign-fixtures";
import { closeRateLimiter } from "../campaigns/rate-limiter";
import { addressHash } from "../consent/installation-secret";
import { db } from "../db";
import { applyEmailFeedback } from "../email-feedback/apply-email-feedback";
import { recordEmailClick, recordEmailOpen } from "../email-tracking/record-email-interaction";
import { createOpenToken } from "../email-tracking/tracking-token";
import { setEnv } from "../env";
import { closeTransports } from "../sending/smtp-transport";
import { liveFlow, minutes, startOfMinute, tick, track, TRACKED_MJML } from "../../test/flow-test-kit";
import { startSmtpSink, type SmtpSink } from "../../test/smtp-sink";
import { deliverFlowMessages } from "./deliver-flow-messages";
import { getFlowStepCounts } from "./get-flow-step-counts";
import { drainFlowMessages } from "./run-flow-engine";

// Flow emails go the campaigns' way: tracked links and an open pixel, List-Unsubscribe, the
// sending account's rate limits, and a 5xx answer suppresses the address.
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({
    keepRaw: true,
    respond: (to) =>
      to.startsWith("gone")
        ? { code: 550, message: "5.1.1 No such user" }
        : to.startsWith("busy")
          ? { code: 451, message: "4.3.0 Try again later" }
          : null,
  });
  setEnv({ SMTP_URL: sink.url, NEXTAUTH_URL: "http://tailor.test" });
});
afterAll(async () => {
  closeTransports();
  closeRateLimiter();
  setEnv({ SMTP_URL: undefined });
  await sink.close();
});

async function signUpFlow(t0: Date, name: string): Promise<string> {
  const template = await seedTemplateFrom(TRACKED_MJML, "Welcome, {{ customer.first_name }}");
  return liveFlow(
    {
      name,
      trigger: { kind: "event", event: `Signed Up ${name}`, where: [] },
      steps: [{ id: "hi", kind: "send_email", templateId: template, category: "marketing" }],
    },
    t0,
  );
}

async function enter(flowName: string, customers: number[], at: Date) {
  for (const c of customers) await track(c, `Signed Up ${flowName}`, at);
  await tick(at);
}

describe("flow emails through the campaign sending path", () => {
  it("tracks opens and clicks of a flow email per flow step, and carries List-Unsubscribe", async () => {
    await seedSettings();
    const t0 = startOfMinute();
    const flow = await signUpFlow(t0, "Tracked");
    const [ann] = await seedCustomers(1, { firstName: "Ann", prefix: "tracked" });
    await enter("Tracked", [ann!], minutes(t0, 1));
    expect(await deliverFlowMessages({ now: minutes(t0, 1) })).toMatchObject({ sent: 1 });
    const email = (await db.customer.findUniqueOrThrow({ where: { id: ann! } })).email!;
    const raw = sink.received.find((m) => m.to === email)!.raw;
    expect(raw).toMatch(/^List-Unsubscribe:/im);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    expect(raw).toMatch(/^X-Tailor-Flow: /im);
    const html = String((await simpleParser(raw)).html);
    const open = /http:\/\/tailor\.test\/api\/email\/open\/([A-Za-z0-9_.-]+)/.exec(html)?.[1];
    const click = /http:\/\/tailor\.test\/api\/email\/click\/([A-Za-z0-9_.-]+)/.exec(html)?.[1];
    expect(open).toMatch(/^f_/);
    expect(click).toMatch(/^f_/);

    const person = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0", ip: "192.0.2.10", now: minutes(t0, 30) };
    expect(await recordEmailOpen({ token: open!, ...person })).toMatchObject({ recorded: true, machine: false });
    expect(await recordEmailClick({ token: click!, carried: null, ...person })).toMatchObject({
      destination: "https://shop.example/sale",
    });
    const interactions = await db.emailInteraction.findMany({
      where: { customerId: ann! },
      select: { kind: true, campaignId: true, flowId: true, flowStepId: true },
      orderBy: { id: "asc" },
    });
    expect(interactions).toEqual([
      { kind: "open", campaignId: null, flowId: flow, flowStepId: "hi" },
      { kind: "click", campaignId: null, flowId: flow, flowStepId: "hi" },
    ]);
    const events = await db.event.findMany({ where: { customerId: ann!, source: "email" }, select: { type: true, properties: true } });
    expect(events.map((e) => e.type).sort()).toEqual(["Email Link Clicked", "Email Opened"]);
    expect(events[0]!.properties).toMatchObject({ flow_id: flow, flow: "Tracked", step_id: "hi" });
    // The canvas's live counts of the step.
    expect((await getFlowStepCounts(flow)).steps.hi).toMatchObject({ sent: 1, opened: 1, clicked: 1 });
    // A valid token for someone this step never emailed records nothing.
    const [bob] = await seedCustomers(1, { prefix: "never" });
    const forBob = createOpenToken({ campaignId: open!.split(".")[0]!, customerId: bob! });
    expect(await recordEmailOpen({ token: forBob, ...person })).toEqual({ recorded: false });
  });

  it("puts a hard-bounced address (5xx) on the suppression list; a 4xx answer is tried again later", async () => {
    await seedSettings();
    const t0 = startOfMinute();
    const flow = await signUpFlow(t0, "Bounce");
    const [gone] = await seedCustomers(1, { prefix: "gone" });
    const [busy] = await seedCustomers(1, { prefix: "busy" });
    await enter("Bounce", [gone!, busy!], minutes(t0, 1));
    await deliverFlowMessages({ now: minutes(t0, 1) });
    const goneEmail = (await db.customer.findUniqueOrThrow({ where: { id: gone! } })).email!;
    const busyEmail = (await db.customer.findUniqueOrThrow({ where: { id: busy! } })).email!;
    const rows = await db.flowMessage.findMany({ where: { flowId: flow }, select: { customerId: true, status: true, error: true } });
    expect(rows.find((r) => r.customerId === gone)).toMatchObject({ status: "failed", error: expect.stringContaining("No such user") });
    expect(rows.find((r) => r.customerId === busy)).toMatchObject({ status: "queued", error: expect.stringContaining("Try again") });
    expect(await db.suppression.findUnique({ where: { addressHash: addressHash(goneEmail) } })).toMatchObject({
      reason: "hard_bounce",
      source: `flow:${flow}`,
    });
    expect(await db.suppression.findUnique({ where: { addressHash: addressHash(busyEmail) } })).toBeNull();
    // Not again at once: the next attempt waits its backoff.
    expect(await deliverFlowMessages({ now: minutes(t0, 1) })).toMatchObject({ sent: 0, failed: 0 });
    expect(await deliverFlowMessages({ now: minutes(t0, 2) })).toMatchObject({ failed: 1 });
    // A complaint a provider reports later for a flow's message: suppressed, and counted on the flow step.
    const [sent] = await db.$queryRaw<{ message_id: string }[]>`
      SELECT message_id FROM flow_messages WHERE flow_id = ${flow} AND customer_id = ${gone} AND message_id IS NOT NULL`;
    expect(sent).toBeUndefined();
    const [ann] = await seedCustomers(1, { prefix: "complains" });
    await enter("Bounce", [ann!], minutes(t0, 3));
    await deliverFlowMessages({ now: minutes(t0, 3) });
    const annSent = await db.flowMessage.findFirstOrThrow({
      where: { flowId: flow, customerId: ann! },
      select: { messageId: true, email: true },
    });
    await applyEmailFeedback({
      provider: "generic",
      feedback: [{ kind: "complaint", email: annSent.email!, messageId: annSent.messageId, occurredAt: minutes(t0, 5), detail: "abuse" }],
    });
    expect(
      await db.emailInteraction.findFirst({ where: { customerId: ann! }, select: { kind: true, flowId: true, flowStepId: true } }),
    ).toEqual({
      kind: "complaint",
      flowId: flow,
      flowStepId: "hi",
    });
    expect(await db.suppression.findUnique({ where: { addressHash: addressHash(annSent.email!) } })).toMatchObject({ reason: "complaint" });
  });

  it("keeps to the default sending account's rate limit, shared with campaigns", async () => {
    await seedSettings();
    await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: 2 } });
    try {
      const t0 = startOfMinute();
      const flow = await signUpFlow(t0, "Limited");
      const people = await seedCustomers(5, { prefix: "limited" });
      await enter("Limited", people, minutes(t0, 1));
      const first = await deliverFlowMessages({ now: minutes(t0, 1) });
      expect(first).toMatchObject({ sent: 2, held: 3 });
      const counts = await db.flowMessage.groupBy({ by: ["status"], where: { flowId: flow }, _count: true });
      expect(Object.fromEntries(counts.map((c) => [c.status, c._count]))).toEqual({ sent: 2, queued: 3 });
      // The held ones go out in the next seconds, none twice.
      for (let i = 0; i < 20 && (await db.flowMessage.count({ where: { flowId: flow, status: "queued" } })) > 0; i++) {
        await new Promise((r) => setTimeout(r, 300));
        await deliverFlowMessages({ now: minutes(t0, 1) });
      }
      expect(await db.flowMessage.count({ where: { flowId: flow, status: "sent", attempts: 1 } })).toBe(5);
    } finally {
      await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: null } });
    }
  });
});

describe("draining flow messages", () => {
  it("clears a backlog of people nobody may email in one drain, not one batch per pass", async () => {
    await seedSettings();
    const t0 = startOfMinute();
    const flow = await signUpFlow(t0, "Backlog");
    const people = await seedCustomers(450, { consent: "none", prefix: "backlog" });
    await enter("Backlog", people, minutes(t0, 1));
    expect(await db.flowMessage.count({ where: { flowId: flow, status: "queued" } })).toBe(450);
    expect(await drainFlowMessages({ now: minutes(t0, 1) })).toEqual({ batches: 3 });
    expect(await db.flowMessage.count({ where: { flowId: flow, status: "skipped", skipReason: "no_consent" } })).toBe(450);
  });
});

describe("what a crash can resend", () => {
  it("sends a slice at a time (two messages per SMTP connection) and commits its outcomes before the next slice goes out", async () => {
    await seedSettings();
    const t0 = startOfMinute();
    const flow = await signUpFlow(t0, "Sliced");
    const people = await seedCustomers(25, { prefix: "sliced" });
    await enter("Sliced", people, minutes(t0, 1));
    // The 15th message in claim order (by id): in the second slice of ten (a pool of five).
    const fifteenth = await db.flowMessage.findMany({ where: { flowId: flow }, orderBy: { id: "asc" }, skip: 14, take: 1 });
    const heldAddress = (await db.customer.findUniqueOrThrow({ where: { id: fifteenth[0]!.customerId } })).email!;
    let reached!: () => void;
    const atHeld = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => {
          if (session.envelope.rcptTo.some((r) => r.address === heldAddress)) {
            reached();
            void gate.then(() => callback());
          } else callback();
        });
      },
    });
    server.listen(0, "127.0.0.1");
    await once(server.server, "listening");
    setEnv({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
    try {
      const delivering = deliverFlowMessages({ now: minutes(t0, 1) });
      await atHeld;
      // While one message of the second slice is on the wire, the first slice is recorded and the third not yet sent.
      const status = await db.flowMessage.groupBy({ by: ["status"], where: { flowId: flow }, _count: true });
      expect(Object.fromEntries(status.map((c) => [c.status, c._count]))).toEqual({ sent: 10, sending: 15 });
      release();
      expect(await delivering).toMatchObject({ sent: 25, failed: 0 });
    } finally {
      release();
      setEnv({ SMTP_URL: sink.url });
      closeTransports(); // the pool's idle connections would hold the server open
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
