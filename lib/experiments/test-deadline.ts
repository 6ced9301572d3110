import { db } from "../db";

/**
 * When a test reaches its horizon: `waitMinutes` after the test portion starts sending; for a
 * send-time test, after its last variant's time (the latest chunk's due moment, read while the
 * test is still testing: the winner's chunks come only with the decision), so that every variant
 * has had the same time after its own send.
 */
export async function testDeadline(options: {
  campaignId: string;
  dimension: string;
  waitMinutes: number;
  startedAt: Date;
}): Promise<Date> {
  let start = options.startedAt.getTime();
  if (options.dimension === "send_time") {
    const [last] = await db.$queryRaw<{ due: Date | null }[]>`
      SELECT max(due_at) AS due FROM campaign_chunks WHERE campaign_id = ${options.campaignId}`;
    // Every chunk is due at or after the fan-out that started the campaign.
    if (last?.due) start = last.due.getTime();
  }
  return new Date(start + options.waitMinutes * 60_000);
}
