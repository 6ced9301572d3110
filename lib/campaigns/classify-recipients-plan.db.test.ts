import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { getQueue } from "../jobs/get-queue";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, testActor } from "./campaign-fixtures";
import { createCampaign } from "./create-campaign";
import { fanOutCampaign } from "./fan-out-campaign";
import { classifyRecipientsSql } from "./mailable-audience";
import { scheduleCampaign } from "./schedule-campaign";

beforeEach(async () => {
  await db.$executeRawUnsafe(
    "TRUNCATE customers, segments, suppressions, consent_records, campaigns, email_templates, frequency_cap_sends, audit_log RESTART IDENTITY CASCADE",
  );
  await seedSettings({ cap: 3 });
  await getQueue("campaign-send-chunk").obliterate({ force: true });
});

interface PlanNode {
  "Relation Name"?: string;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

/** How many times the statement's plan scanned `relation` (loops summed over its scan nodes). */
function scansOf(node: PlanNode, relation: string): number {
  const own = node["Relation Name"] === relation ? (node["Actual Loops"] ?? 0) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + scansOf(child, relation), 0);
}

describe("who will receive, joined to a freshly written ledger chunk", () => {
  it("classifies each recipient once, even where the planner expects the chunk to hold one row", async () => {
    const ids = await seedCustomers(200);
    const segment = await seedSegment("All", ids);
    const templateId = await seedTemplate("newsletter");
    const { id } = await createCampaign({ input: { name: "News", includeSegmentIds: [segment], templateId }, actor: testActor });
    await scheduleCampaign({ id, actor: testActor });
    await fanOutCampaign({ campaignId: id, chunkSize: 200 });
    // The ledger as the fan-out left it: written moments ago, before any ANALYZE of this campaign.
    const chunk = Prisma.sql`SELECT customer_id FROM campaign_sends WHERE campaign_id = ${id} AND chunk = 0 AND state = 'queued'`;
    const classified = await classifyRecipientsSql({ customers: chunk, rank: { campaignId: id } });
    const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>`
      EXPLAIN (ANALYZE, FORMAT JSON)
      SELECT s.customer_id, x.reason FROM campaign_sends s JOIN (${classified}) x ON x.customer_id = s.customer_id
      WHERE s.campaign_id = ${id} AND s.chunk = 0 AND s.state = 'queued'`;
    const plan = row!["QUERY PLAN"][0].Plan;
    // One look-up of each recipient's customer row (200), not one per pair of rows (40,000).
    expect(scansOf(plan, "customers")).toBeLessThanOrEqual(ids.length);
  });
});
