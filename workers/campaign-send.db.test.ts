import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpSink, waitFor, type SmtpSink } from "../test/smtp-sink";
import { startWorkers, type RunningWorkers } from "./start-workers";
import { verifyUnsubscribeToken } from "../lib/consent/unsubscribe-token";
import { db } from "../lib/db";
import { setEnv } from "../lib/env";
import { closeTransports } from "../lib/sending/smtp-transport";
import { cancelCampaign } from "../lib/campaigns/cancel-campaign";
import {
  seedCustomers,
  seedSegment,
  seedSettings,
  seedTemplate,
  suppress,
  testActor,
  withdrawConsent,
} from "../lib/campaigns/campaign-fixtures";
import { createCampaign } from "../lib/campaigns/create-campaign";
import { pauseCampaign } from "../lib/campaigns/pause-campaign";
import { resumeCampaign } from "../lib/campaigns/resume-campaign";
import { scheduleCampaign } from "../lib/campaigns/schedule-campaign";
import { sendCampaignChunk } from "../lib/campaigns/send-campaign-chunk";
import { closeSendLedger, ledgerStatementPlans } from "../lib/campaigns/send-dispatcher";
import { fanOutCampaign } from "../lib/campaigns/fan-out-campaign";

let sink: SmtpSink;
let workers: RunningWorkers | null = null;
let failNext: ((to: string, attempt: number) => { code: number; message: string } | null) | null = null;

beforeAll(async () => {
  sink = await startSmtpSink({ respond: (to, n) => failNext?.(to, n) ?? null });
  setEnv({ SMTP_URL: sink.url, CAMPAIGN_LEASE_MS: "3000" });
});
afterAll(async () => {
  await workers?.close();
  closeTransports();
  await closeSendLedger();
  await sink.close();
  setEnv({ SMTP_URL: undefined });
});
beforeEach(async () => {
  await workers?.close();
  workers = null;
  sink.received.length = 0;
  failNext = null;
  await db.$executeRawUnsafe(
    "TRUNCATE customers, segments, suppressions, consent_records, campaigns, email_templates, frequency_cap_sends, audit_log RESTART IDENTITY CASCADE",
  );
  await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: null, perHour: null, poolSize: 4 } });
  await seedSettings();
});

async function campaign(segmentIds: string[], templateId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await createCampaign({ input: { name: "News", includeSegmentIds: segmentIds, templateId, ...extra }, actor: testActor });
  return id;
}

const status = async (id: string) => (await db.campaign.findUniqueOrThrow({ where: { id } })).status;
const states = async (id: string) =>
  Object.fromEntries(
    (await db.campaignSend.groupBy({ by: ["state"], where: { campaignId: id }, _count: { _all: true } })).map((r) => [
      r.state,
      r._count._all,
    ]),
  );
const startTheWorkers = () => (workers = startWorkers({ log: () => undefined, schedule: false }));

describe("sending a campaign", () => {
  it(
    "delivers exactly one message per recipient with the unsubscribe headers, the preference link and the postal address",
    { timeout: 180_000 },
    async () => {
      const ids = await seedCustomers(400);
      const [noConsent] = await seedCustomers(1, { consent: "none" });
      const id = await campaign([await seedSegment("All", [...ids, noConsent!])], await seedTemplate("newsletter"), {
        senderName: "Hearth & Home",
        senderEmail: "news@hearth.test",
        replyTo: "help@hearth.test",
      });
      startTheWorkers();
      await scheduleCampaign({ id, actor: testActor });
      await waitFor(async () => (await status(id)) === "finished", "the campaign to finish", 120_000);

      const counts = sink.countsByAddress();
      expect(counts.size).toBe(400);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(await states(id)).toEqual({ sent: 400, skipped: 1 });
      const ledger = await db.campaignSend.findMany({
        where: { campaignId: id, state: "sent" },
        select: { customerId: true, email: true, messageId: true, possibleDuplicate: true, attempts: true },
      });
      const byAddress = new Map(sink.received.map((r) => [r.to, r]));
      for (const row of ledger) {
        expect(byAddress.get(row.email!)!.messageId).toBe(row.messageId);
        expect(row).toMatchObject({ possibleDuplicate: false, attempts: 1 });
      }
      expect(await db.frequencyCapSend.count({ where: { sourceId: id } })).toBe(400);

      const one = sink.received[0]!;
      const head = one.raw.slice(0, one.raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
      expect(head).toMatch(/^From: "Hearth & Home" <news@hearth\.test>$/m);
      expect(head).toMatch(/^Reply-To: <help@hearth\.test>$/m);
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      const token = /^List-Unsubscribe: <http[^>]+\/api\/unsubscribe\/([^>?]+)>$/m.exec(head)![1]!;
      const customerId = verifyUnsubscribeToken(token)!.customerId;
      expect(ledger.find((r) => r.customerId === customerId)!.email).toBe(one.to);
      const parsed = await simpleParser(one.raw);
      expect(parsed.html).toContain(`/preferences/${token}`);
      expect(parsed.text).toContain(`/preferences/${token}`);
      expect(parsed.html).toContain("1 Market Street, Leeds LS1 1AA");
      expect(parsed.subject).toBe(`Name${customerId}, this month at Hearth & Home`);
      expect(await db.auditLog.findFirst({ where: { targetId: id, action: "campaign.finish" }, select: { after: true } })).toEqual({
        after: { sent: 400, failed: 0, skipped: 1 },
      });
    },
  );

  it("never sends twice when the same chunk job runs twice at once (a retried or duplicated job)", async () => {
    const ids = await seedCustomers(150);
    const id = await campaign([await seedSegment("All", ids)], await seedTemplate("welcome"));
    await scheduleCampaign({ id, actor: testActor });
    await fanOutCampaign({ campaignId: id, chunkSize: 150 });
    await closeSendLedger(); // fresh ledger connections: their statement counts are this send's
    const runs = await Promise.all([0, 1, 2].map(() => sendCampaignChunk({ campaignId: id, chunk: 0 })));
    expect(runs.map((r) => r.status).sort()).toEqual(["busy", "busy", "sent"]);
    expect(await sendCampaignChunk({ campaignId: id, chunk: 0 })).toEqual({ status: "done" });
    expect(sink.received).toHaveLength(150);
    expect(new Set(sink.received.map((r) => r.to)).size).toBe(150);
    expect(await status(id)).toBe("finished");
    // The ledger statement is planned once per connection, not for each execution (a custom plan cost ~1 CPU-ms).
    const plans = await ledgerStatementPlans();
    expect(plans.generic).toBeGreaterThan(0);
    expect(plans.custom).toBe(0);
    // Outcomes are recorded in groups (docs/decisions/144): fewer statements than messages (~0.76 per
    // message before; ~0.63 with outcomes due at once while messages wait for their data to end).
    expect(plans.generic).toBeLessThanOrEqual(0.7 * 150);
  });

  it("pauses without losing a row and resumes to send each remaining recipient once", { timeout: 120_000 }, async () => {
    await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: 40 } });
    const ids = await seedCustomers(300);
    const id = await campaign([await seedSegment("All", ids)], await seedTemplate("welcome"));
    startTheWorkers();
    await scheduleCampaign({ id, actor: testActor });
    await waitFor(() => sink.received.length >= 40, "the first messages");
    await pauseCampaign({ id, actor: testActor });
    await waitFor(async () => ((await states(id)).sending ?? 0) === 0, "in-flight rows to be recorded");
    const atPause = sink.received.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.received.length).toBe(atPause);
    const paused = await states(id);
    expect(paused.sent).toBe(atPause);
    expect(paused.sent! + paused.queued!).toBe(300);
    expect(paused.queued).toBeGreaterThan(0);

    await resumeCampaign({ id, actor: testActor });
    await waitFor(async () => (await status(id)) === "finished", "the campaign to finish", 90_000);
    expect(sink.received).toHaveLength(300);
    expect(new Set(sink.received.map((r) => r.to)).size).toBe(300);
  });

  it("cancels: queued rows are skipped, rows in flight are finished, every row ends final", async () => {
    await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: 40 } });
    const ids = await seedCustomers(300);
    const id = await campaign([await seedSegment("All", ids)], await seedTemplate("welcome"));
    startTheWorkers();
    await scheduleCampaign({ id, actor: testActor });
    await waitFor(() => sink.received.length >= 20, "the first messages");
    await cancelCampaign({ id, actor: testActor });
    await waitFor(
      async () => (await db.campaign.findUniqueOrThrow({ where: { id } })).finishedAt !== null,
      "the cancelled campaign to end",
    );
    const final = await states(id);
    expect(final.queued ?? 0).toBe(0);
    expect(final.sending ?? 0).toBe(0);
    expect(final.sent! + final.skipped!).toBe(300);
    expect(final.skipped).toBeGreaterThan(0);
    expect(sink.received).toHaveLength(final.sent!);
    expect(await status(id)).toBe("cancelled");
  });

  it("skips at the moment of sending whoever withdrew consent or was suppressed since the fan-out", { timeout: 120_000 }, async () => {
    await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: 25 } });
    const ids = await seedCustomers(200);
    const id = await campaign([await seedSegment("All", ids)], await seedTemplate("welcome"));
    await scheduleCampaign({ id, actor: testActor });
    await fanOutCampaign({ campaignId: id, chunkSize: 50 });
    startTheWorkers();
    await waitFor(() => sink.received.length >= 20, "the first messages");
    // People of a chunk not started yet: one unsubscribes, one is suppressed while the campaign is sending.
    const waiting = await db.campaignChunk.findFirstOrThrow({
      where: { campaignId: id, leaseOwner: null, doneAt: null },
      select: { chunk: true },
    });
    const [w, s] = (
      await db.campaignSend.findMany({ where: { campaignId: id, chunk: waiting.chunk }, orderBy: { customerId: "desc" }, take: 2 })
    ).map((r) => r.customerId);
    await withdrawConsent(w!);
    await suppress((await db.customer.findUniqueOrThrow({ where: { id: s! } })).email!);
    await waitFor(async () => (await status(id)) === "finished", "the campaign to finish", 90_000);
    const rows = await db.campaignSend.findMany({
      where: { campaignId: id, customerId: { in: [w!, s!] } },
      orderBy: { customerId: "desc" },
    });
    expect(rows.map((r) => [r.state, r.skipReason])).toEqual([
      ["skipped", "no_consent"],
      ["skipped", "suppressed"],
    ]);
    expect(sink.received).toHaveLength(198);
  });

  it("lets the higher-priority campaign take the place under the frequency cap", async () => {
    await seedSettings({ cap: 1, capDays: 7 });
    const ids = await seedCustomers(100);
    const seg = await seedSegment("All", ids);
    const template = await seedTemplate("welcome");
    const low = await campaign([seg], template, { priority: 1 });
    const high = await campaign([seg], template, { priority: 5 });
    await scheduleCampaign({ id: low, actor: testActor });
    await scheduleCampaign({ id: high, actor: testActor });
    await fanOutCampaign({ campaignId: low, chunkSize: 25 });
    await fanOutCampaign({ campaignId: high, chunkSize: 25 });
    startTheWorkers();
    await waitFor(async () => (await status(low)) === "finished" && (await status(high)) === "finished", "both campaigns to finish");
    expect(sink.received).toHaveLength(100);
    expect(new Set(sink.received.map((r) => r.to)).size).toBe(100);
    expect(await states(high)).toEqual({ sent: 100 });
    expect(await states(low)).toEqual({ skipped: 100 });
    expect(await db.campaignSend.count({ where: { campaignId: low, skipReason: "frequency_cap" } })).toBe(100);
  });

  it("fails a 5xx recipient and suppresses the address as a hard bounce; retries a 4xx until it is accepted", async () => {
    const ids = await seedCustomers(30, { prefix: "bounce" });
    const emails = (await db.customer.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { email: true } })).map(
      (c) => c.email!,
    );
    const [bounce, later] = emails;
    failNext = (to, n) =>
      to === bounce
        ? { code: 550, message: "5.1.1 No such mailbox" }
        : to === later && n <= 2
          ? { code: 451, message: "4.7.1 Try again later" }
          : null;
    const id = await campaign([await seedSegment("All", ids)], await seedTemplate("welcome"));
    startTheWorkers();
    await scheduleCampaign({ id, actor: testActor });
    await waitFor(async () => (await status(id)) === "finished", "the campaign to finish", 90_000);
    expect(await states(id)).toEqual({ sent: 29, failed: 1 });
    const failed = await db.campaignSend.findFirstOrThrow({ where: { campaignId: id, state: "failed" } });
    expect(failed).toMatchObject({ email: bounce, possibleDuplicate: false });
    expect(failed.error).toMatch(/550 5\.1\.1 No such mailbox/);
    const suppression = await db.suppression.findFirstOrThrow({ where: { email: bounce } });
    expect(suppression).toMatchObject({ reason: "hard_bounce", source: `campaign:${id}` });
    const retried = await db.campaignSend.findFirstOrThrow({ where: { campaignId: id, email: later } });
    expect(retried).toMatchObject({ state: "sent", attempts: 3, possibleDuplicate: false });
    expect(sink.countsByAddress().get(later!)).toBe(1);
    expect(sink.countsByAddress().has(bounce!)).toBe(false);
  });
});
