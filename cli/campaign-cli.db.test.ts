import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../test/smtp-sink";
import { seedCustomers, seedSegment, suppress, withdrawConsent } from "../lib/campaigns/campaign-fixtures";
import { getCampaignReport } from "../lib/campaigns/get-campaign-report";
import { db } from "../lib/db";
import { recordEmailClick, recordEmailOpen } from "../lib/email-tracking/record-email-interaction";
import { createClickToken, createOpenToken } from "../lib/email-tracking/tracking-token";
import { tailor, tailorWithEnv } from "./test-helpers/run-cli";

let sink: SmtpSink;
let dir: string;
beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: false });
  dir = await mkdtemp(path.join(tmpdir(), "tailor-campaign-cli-"));
});
afterAll(async () => {
  await sink.close();
});

// Each run starts tsx, the CLI's own workers and mjml: seconds apiece on a busy machine.
describe("tailor settings and campaign", { timeout: 400_000 }, () => {
  it("sets up an installation by script, refusing bad values with what is expected", async () => {
    expect((await tailor("settings", "set", "postal_address", "1 Market Street, Leeds")).stdout.trim()).toBe(
      "postal_address = 1 Market Street, Leeds",
    );
    expect((await tailor("settings", "set", "frequency_cap", "3/7d")).code).toBe(0);
    const bad = await tailor("settings", "set", "frequency_cap", "lots");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('frequency_cap: expected "N/Dd" such as 3/7d');
    const all = JSON.parse((await tailor("settings", "get", "--json")).stdout) as Record<string, string>;
    expect(all).toMatchObject({ postal_address: "1 Market Street, Leeds", frequency_cap: "3/7d", rate_limit_per_second: "off" });
  });

  it("sends a campaign from a segment name and an MJML file, returning when every row is final", async () => {
    await db.setting.update({ where: { id: 1 }, data: { frequencyCapCount: null } });
    const ids = await seedCustomers(40, { prefix: "cli" });
    const [noConsent] = await seedCustomers(1, { consent: "none", prefix: "cli" });
    await suppress((await db.customer.findUniqueOrThrow({ where: { id: ids[0]! } })).email!);
    await seedSegment("Newsletter readers", [...ids, noConsent!]);
    await seedSegment("Staff", [ids[1]!]);

    const send = [
      "campaign",
      "send",
      "--segment",
      "Newsletter readers",
      "--exclude",
      "Staff",
      "--template",
      "lib/templates/gallery/welcome.mjml",
    ];
    const dry = await tailor(...send, "--dry-run");
    expect(dry.stdout.trim()).toBe(
      "40 in segments → 38 will receive: 1 without email consent, 1 suppressed, 0 over the frequency cap, 0 without an address",
    );
    expect(await db.campaign.count()).toBe(0);

    const run = await tailorWithEnv({ SMTP_URL: sink.url }, ...send, "--subject", "Hello {{ customer.first_name }}", "--json");
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { campaignId: string; status: string; byState: Record<string, number> };
    expect(result).toMatchObject({ status: "finished", byState: { sent: 38, skipped: 2, queued: 0, sending: 0, failed: 0 } });
    expect(sink.received).toHaveLength(38);
    expect(new Set(sink.received.map((r) => r.to)).size).toBe(38);

    // What recipients did since: a person opened and clicked, then bought; a machine opened another; one unsubscribed.
    const campaignId = result.campaignId;
    const [a, b] = (await db.campaignSend.findMany({ where: { campaignId, state: "sent" }, orderBy: { customerId: "asc" }, take: 2 })).map(
      (r) => r.customerId,
    ) as [number, number];
    await db.$executeRaw`UPDATE campaign_sends SET sent_at = sent_at - interval '2 hours' WHERE campaign_id = ${campaignId}`;
    const person = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
    await recordEmailOpen({ token: createOpenToken({ campaignId, customerId: a }), userAgent: person, ip: "203.0.113.1" });
    await recordEmailOpen({ token: createOpenToken({ campaignId, customerId: b }), userAgent: "Mozilla/5.0", ip: "203.0.113.2" });
    const link = (await getCampaignReport(campaignId)).links.find((l) => l.label === "Start shopping")!;
    const carried = link.url.replace(/\{\{[^}]*\}\}/g, String(a));
    await recordEmailClick({
      token: createClickToken({ campaignId, customerId: a, link: link.index }),
      carried,
      userAgent: person,
      ip: null,
    });
    await db.order.create({
      data: { customerId: a, orderNumber: "CLI-1", placedAt: new Date(), total: 42.5, currency: "GBP", kind: "purchase", source: "test" },
    });
    await withdrawConsent(b);

    const status = await tailor("campaign", "status", campaignId);
    expect(status.stdout).toContain(`Campaign ${campaignId}`);
    expect(status.stdout).toMatch(/sent\s+38/);
    expect(status.stdout).toMatch(/skipped\s+2\s+1 without email consent, 1 suppressed/);
    for (const line of [
      /delivered\s+38 /,
      /unique opens \(human\)\s+1 /,
      /unique opens \(machine\)\s+1 /,
      /clicks\s+1\s+by 1 person/,
      /click-through rate\s+2\.6%/,
      /unsubscribes\s+1 /,
      /bounces\s+0 /,
      /complaints\s+0 /,
      /attributed revenue\s+£42\.50\s+1 orders within \d+ days of a click/,
    ])
      expect(status.stdout).toMatch(line);
    const json = JSON.parse((await tailor("campaign", "status", campaignId, "--json")).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      status: "finished",
      byState: { sent: 38, skipped: 2 },
      report: {
        delivered: 38,
        uniqueOpens: { human: 1, machine: 1 },
        clicks: 1,
        uniqueClicks: 1,
        unsubscribes: 1,
        bounces: 0,
        complaints: 0,
        revenue: { amount: 42.5, orders: 1, currency: "GBP" },
      },
    });
    expect((json.report as { clickThroughRate: number }).clickThroughRate).toBeCloseTo(1 / 38);
  });

  it("says how to fix a send with neither SMTP_URL nor the Outbox server", async () => {
    const rules = path.join(dir, "everyone.json");
    await writeFile(rules, JSON.stringify({ type: "group", op: "and", children: [] }));
    const run = await tailorWithEnv(
      { SMTP_URL: "", OUTBOX_SMTP_PORT: "1" },
      "campaign",
      "send",
      "--segment",
      rules,
      "--template",
      "lib/templates/gallery/welcome.mjml",
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/SMTP_URL is not set and the development Outbox .* is not running.*npm start/);
  });
});
