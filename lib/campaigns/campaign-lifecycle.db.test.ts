import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { getQueue } from "../jobs/get-queue";
import { cancelCampaign } from "./cancel-campaign";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, seedTemplateFrom, testActor } from "./campaign-fixtures";
import { createCampaign } from "./create-campaign";
import { fanOutCampaign } from "./fan-out-campaign";
import { getCampaignProgress } from "./get-campaign-progress";
import { listCampaigns } from "./list-campaigns";
import { pauseCampaign } from "./pause-campaign";
import { resumeCampaign } from "./resume-campaign";
import { scheduleCampaign } from "./schedule-campaign";
import { updateCampaign } from "./update-campaign";

beforeEach(async () => {
  await db.$executeRawUnsafe(
    "TRUNCATE customers, segments, suppressions, consent_records, campaigns, email_templates, frequency_cap_sends, audit_log RESTART IDENTITY CASCADE",
  );
  await seedSettings();
  await getQueue("campaign-send-chunk").obliterate({ force: true });
});

async function draft(segmentIds: string[], templateId: string, extra: Record<string, unknown> = {}) {
  return createCampaign({ input: { name: "Spring news", includeSegmentIds: segmentIds, templateId, ...extra }, actor: testActor });
}

describe("campaign lifecycle", () => {
  it("schedules (pinning the version), freezes the ledger in chunks at fan-out, pauses, resumes and cancels, all audit-logged", async () => {
    const ids = await seedCustomers(7);
    const [noConsent] = await seedCustomers(1, { consent: "none" });
    const seg = await seedSegment("All", [...ids, noConsent!]);
    const templateId = await seedTemplate("newsletter");
    const { id } = await draft([seg], templateId);
    await updateCampaign({ id, input: { name: "Spring news!", includeSegmentIds: [seg], templateId }, actor: testActor });

    await scheduleCampaign({ id, actor: testActor });
    const scheduled = await db.campaign.findUniqueOrThrow({ where: { id } });
    const version = await db.emailTemplateVersion.findFirstOrThrow({ where: { templateId } });
    expect(scheduled).toMatchObject({ status: "scheduled", templateVersionId: version.id, name: "Spring news!" });
    await expect(updateCampaign({ id, input: { name: "x", includeSegmentIds: [seg], templateId }, actor: testActor })).rejects.toThrow(
      /is scheduled: only a draft can be edited/,
    );

    const result = await fanOutCampaign({ campaignId: id, chunkSize: 3 });
    expect(result).toEqual({ status: "frozen", recipients: 7, chunks: 3 });
    const chunks = await db.campaignSend.groupBy({
      by: ["chunk", "state"],
      where: { campaignId: id },
      _count: { _all: true },
      orderBy: { chunk: "asc" },
    });
    expect(chunks.map((c) => [c.chunk, c.state, c._count._all])).toEqual([
      [-1, "skipped", 1],
      [0, "queued", 3],
      [1, "queued", 3],
      [2, "queued", 1],
    ]);
    expect(await db.campaignChunk.count({ where: { campaignId: id } })).toBe(3);
    const jobs = await getQueue("campaign-send-chunk").getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.map((j) => j.id).sort()).toEqual([0, 1, 2].map((n) => `chunk-${id}-${n}`));
    // A second fan-out changes nothing and queues nothing twice.
    expect((await fanOutCampaign({ campaignId: id, chunkSize: 3 })).status).toBe("already");
    expect(await db.campaignSend.count({ where: { campaignId: id } })).toBe(8);
    expect((await getQueue("campaign-send-chunk").getJobs(["waiting", "delayed", "prioritized"])).length).toBe(3);

    const progress = await getCampaignProgress(id);
    expect(progress).toMatchObject({ status: "sending", total: 8, finished: false, skippedBy: { no_consent: 1 } });
    expect(progress.byState).toEqual({ queued: 7, sending: 0, sent: 0, failed: 0, skipped: 1 });

    await pauseCampaign({ id, actor: testActor });
    await expect(pauseCampaign({ id, actor: testActor })).rejects.toThrow(/is paused: it cannot be paused/);
    await resumeCampaign({ id, actor: testActor });
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("sending");
    expect(await cancelCampaign({ id, actor: testActor })).toEqual({ skipped: 7 });
    expect((await getCampaignProgress(id)).skippedBy).toEqual({ no_consent: 1, cancelled: 7 });
    const [listed] = await listCampaigns();
    expect(listed).toMatchObject({ id, status: "cancelled", skipped: 8, remaining: 0 });

    const actions = await db.auditLog.findMany({
      where: { targetType: "campaign", targetId: id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "campaign.create",
      "campaign.update",
      "campaign.schedule",
      "campaign.start",
      "campaign.pause",
      "campaign.resume",
      "campaign.cancel",
    ]);
  });

  it("refuses to schedule a template without the unsubscribe link or the postal address", async () => {
    const seg = await seedSegment("All", await seedCustomers(1));
    const bare = await seedTemplateFrom(
      "<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ customer.first_name }}</mj-text></mj-column></mj-section></mj-body></mjml>",
    );
    const { id } = await draft([seg], bare);
    await expect(scheduleCampaign({ id, actor: testActor })).rejects.toThrow(/will not send .*unsubscribe link/);
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  });

  it("validates input with messages naming the field", async () => {
    const templateId = await seedTemplate("welcome");
    await expect(createCampaign({ input: { name: "", includeSegmentIds: [], templateId }, actor: testActor })).rejects.toThrow(
      /Give the campaign a name[\s\S]*Pick at least one segment/,
    );
    await expect(draft(["missing"], templateId)).rejects.toThrow(/There is no segment "missing"/);
  });
});
