import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../test/smtp-sink";
import { seedCustomers, seedSegment, suppress } from "../lib/campaigns/campaign-fixtures";
import { db } from "../lib/db";
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

    const status = await tailor("campaign", "status", result.campaignId);
    expect(status.stdout).toContain(`Campaign ${result.campaignId}`);
    expect(status.stdout).toMatch(/sent\s+38/);
    expect(status.stdout).toMatch(/skipped\s+2\s+1 without email consent, 1 suppressed/);
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
