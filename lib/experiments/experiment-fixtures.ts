// Test fixtures for experiment tests (imported by *.db.test.ts files only).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../test/smtp-sink";
import { seedSegment, seedSettings, seedTemplate, testActor } from "../campaigns/campaign-fixtures";
import { createCampaign } from "../campaigns/create-campaign";
import { sendCampaignChunk } from "../campaigns/send-campaign-chunk";
import { closeSendLedger } from "../campaigns/send-dispatcher";
import { db } from "../db";
import { setEnv } from "../env";
import { recordEmailOpen } from "../email-tracking/record-email-interaction";
import { createOpenToken } from "../email-tracking/tracking-token";
import { getQueue } from "../jobs/get-queue";
import { closeTransports } from "../sending/smtp-transport";
import type { ExperimentInput } from "./schemas";

/** Responses come minutes after the send (an open seconds after it looks like a scanner's). */
export const later = () => new Date(Date.now() + 10 * 60_000);
export const person = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

/**
 * An SMTP sink for the file's sends and a clean slate before each test (customers, campaigns,
 * templates, the cap at `cap`). Returns the sink, started before the tests run.
 */
export function setUpExperimentTests(options: { cap?: number } = {}): { sink: () => SmtpSink } {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    setEnv({ SMTP_URL: sink.url });
  });
  afterAll(async () => {
    closeTransports();
    await closeSendLedger();
    await sink.close();
    setEnv({ SMTP_URL: undefined });
  });
  beforeEach(async () => {
    sink.received.length = 0;
    await db.$executeRawUnsafe(
      "TRUNCATE customers, segments, suppressions, consent_records, campaigns, email_templates, frequency_cap_sends, audit_log RESTART IDENTITY CASCADE",
    );
    await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: null, perHour: null, poolSize: 4 } });
    await seedSettings({ cap: options.cap ?? 2 });
    await getQueue("campaign-send-chunk").obliterate({ force: true });
  });
  return { sink: () => sink };
}

/** A campaign to `customers` with the gallery newsletter and an experiment. */
export async function experimentCampaign(customers: number[], subject: string, experiment: ExperimentInput): Promise<string> {
  const { id } = await createCampaign({
    input: {
      name: "Spring",
      includeSegmentIds: [await seedSegment("All", customers)],
      templateId: await seedTemplate("newsletter"),
      subject,
      experiment,
    },
    actor: testActor,
  });
  return id;
}

/** Sends every unfinished chunk through the real chunk code to the SMTP sink. */
export async function sendOpenChunks(campaignId: string): Promise<void> {
  const chunks = await db.campaignChunk.findMany({ where: { campaignId, doneAt: null }, select: { chunk: true } });
  for (const c of chunks) await sendCampaignChunk({ campaignId, chunk: c.chunk });
}

export const ledger = async (campaignId: string) =>
  db.campaignSend.findMany({
    where: { campaignId },
    select: { customerId: true, state: true, skipReason: true, variant: true, email: true, sentAt: true, chunk: true },
  });

export const open = (campaignId: string, customerId: number, now = later()) =>
  recordEmailOpen({ token: createOpenToken({ campaignId, customerId }), userAgent: person, ip: "203.0.113.1", now });

/** Purchases (orders of kind purchase) of `total` each, placed at `at`. */
export async function seedPurchases(purchases: { customerId: number; total: number; at: Date }[]): Promise<void> {
  const base = await db.order.count();
  await db.order.createMany({
    data: purchases.map((p, i) => ({
      customerId: p.customerId,
      orderNumber: `P-${base + i}`,
      placedAt: p.at,
      total: p.total,
      currency: "GBP",
      kind: "purchase" as const,
      source: "test",
    })),
  });
}
