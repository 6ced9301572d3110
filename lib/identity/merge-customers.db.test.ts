import { beforeAll, describe, expect, it } from "vitest";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, testActor } from "../campaigns/campaign-fixtures";
import { createCampaign } from "../campaigns/create-campaign";
import { getCampaignReport } from "../campaigns/get-campaign-report";
import { db } from "../db";
import { mergeProfiles } from "./identity-fixtures";
import { undoMerge } from "./undo-merge";

type State = "sent" | "skipped" | "failed";
const ledgerRow = (campaignId: string, customerId: number, state: State, messageId: string | null, sentAt: Date | null) =>
  db.$executeRaw`
    INSERT INTO campaign_sends (campaign_id, customer_id, chunk, state, skip_reason, message_id, email, attempts, sent_at, updated_at)
    VALUES (${campaignId}, ${customerId}, ${state === "skipped" ? -1 : 0}, ${state}::"SendState",
      ${state === "skipped" ? "no_consent" : null}::"SkipReason", ${messageId}, ${messageId ? `${customerId}@shop.test` : null},
      ${state === "skipped" ? 0 : 1}, ${sentAt}, now())`;

const sendsOf = (customerId: number) =>
  db.campaignSend.findMany({
    where: { customerId },
    orderBy: { campaignId: "asc" },
    select: { campaignId: true, state: true, messageId: true, possibleDuplicate: true },
  });

let campaigns: [string, string, string];
let survivor: number;
let mergedAway: number;

beforeAll(async () => {
  await seedSettings();
  [survivor, mergedAway] = (await seedCustomers(2, { prefix: "merge" })) as [number, number];
  const templateId = await seedTemplate("newsletter");
  const segment = await seedSegment("Both of them", [survivor, mergedAway]);
  campaigns = (await Promise.all(
    ["Spring", "Summer", "Autumn"].map(
      async (name) => (await createCampaign({ input: { name, includeSegmentIds: [segment], templateId }, actor: testActor })).id,
    ),
  )) as [string, string, string];
  campaigns.sort();
  const [both, onlyMerged, skippedThenSent] = campaigns;
  const hourAgo = new Date(Date.now() - 3_600_000);
  // Both profiles received the first campaign (two addresses of one person); only the merged-away one the second;
  // the third skipped the survivor (no consent then) and reached the other profile.
  await ledgerRow(both, survivor, "sent", "<s1@t>", hourAgo);
  await ledgerRow(both, mergedAway, "sent", "<m1@t>", hourAgo);
  await ledgerRow(onlyMerged, mergedAway, "sent", "<m2@t>", hourAgo);
  await ledgerRow(skippedThenSent, survivor, "skipped", null, null);
  await ledgerRow(skippedThenSent, mergedAway, "sent", "<m3@t>", hourAgo);
  await db.$executeRaw`
    INSERT INTO frequency_cap_sends (customer_id, source_type, source_id, sent_at)
    VALUES (${survivor}, 'campaign', ${both}, ${hourAgo}), (${mergedAway}, 'campaign', ${both}, ${hourAgo}),
           (${mergedAway}, 'campaign', ${onlyMerged}, ${hourAgo}), (${mergedAway}, 'campaign', ${skippedThenSent}, ${hourAgo})`;
  await db.emailInteraction.createMany({
    data: [
      { campaignId: onlyMerged, customerId: mergedAway, kind: "open" },
      { campaignId: onlyMerged, customerId: mergedAway, kind: "click", link: 0, url: "https://shop.example.com/" },
      { campaignId: both, customerId: mergedAway, kind: "open", machine: true, machineReason: "apple_mpp" },
    ],
  });
});

describe("merging profiles keeps what was sent to them and what they did", () => {
  it("moves the merged profile's ledger rows, interactions and frequency-cap rows to the survivor, one row per campaign", async () => {
    const [both, onlyMerged, skippedThenSent] = campaigns;
    await mergeProfiles(survivor, mergedAway);

    const sends = await sendsOf(survivor);
    expect(sends).toEqual([
      // The person got two copies (one per address): one row, flagged.
      { campaignId: both, state: "sent", messageId: "<s1@t>", possibleDuplicate: true },
      { campaignId: onlyMerged, state: "sent", messageId: "<m2@t>", possibleDuplicate: false },
      // The person did receive it (at the other address): the row says so.
      { campaignId: skippedThenSent, state: "sent", messageId: "<m3@t>", possibleDuplicate: false },
    ]);
    expect(await db.emailInteraction.count({ where: { customerId: survivor } })).toBe(3);
    const caps = await db.frequencyCapSend.findMany({ where: { customerId: survivor }, select: { sourceId: true } });
    expect(caps.map((c) => c.sourceId).sort()).toEqual([...campaigns].sort());

    // The reports still count what happened.
    const report = await getCampaignReport(onlyMerged);
    expect(report).toMatchObject({ sent: 1, uniqueClicks: 1, clicks: 1, uniqueOpens: { human: 1, machine: 0 } });
    expect((await getCampaignReport(both)).uniqueOpens).toEqual({ human: 0, machine: 1 });
  });

  it("undoing the merge gives each profile its own rows back", async () => {
    const [both, onlyMerged, skippedThenSent] = campaigns;
    const record = await db.customerMerge.findFirstOrThrow({ where: { survivorId: survivor, mergedId: mergedAway } });
    await undoMerge({ mergeId: record.id, actor: { id: null, label: "admin" } });

    expect(await sendsOf(survivor)).toEqual([
      { campaignId: both, state: "sent", messageId: "<s1@t>", possibleDuplicate: false },
      { campaignId: skippedThenSent, state: "skipped", messageId: null, possibleDuplicate: false },
    ]);
    expect(await sendsOf(mergedAway)).toEqual([
      { campaignId: both, state: "sent", messageId: "<m1@t>", possibleDuplicate: false },
      { campaignId: onlyMerged, state: "sent", messageId: "<m2@t>", possibleDuplicate: false },
      { campaignId: skippedThenSent, state: "sent", messageId: "<m3@t>", possibleDuplicate: false },
    ]);
    expect(await db.emailInteraction.count({ where: { customerId: mergedAway } })).toBe(3);
    expect(await db.emailInteraction.count({ where: { customerId: survivor } })).toBe(0);
    expect(await db.frequencyCapSend.count({ where: { customerId: mergedAway } })).toBe(3);
    expect(await db.frequencyCapSend.count({ where: { customerId: survivor } })).toBe(1);
  });
});
