import { db } from "../db";
import type { SendState, SkipReason } from "./schemas";

export interface CampaignProgress {
  status: string;
  total: number;
  byState: Record<Exclude<SendState, "held">, number>;
  /** Rows held for an experiment's winner (0 outside experiments). */
  held: number;
  skippedBy: Partial<Record<SkipReason, number>>;
  /** Rows sent again after a crash (the person may have two copies with the same Message-ID). */
  possibleDuplicates: number;
  /** Messages per second over the last minute. */
  ratePerSecond: number;
  /** Seconds until the queued rows are sent at that rate; null when not sending. */
  etaSeconds: number | null;
  /** True when every ledger row is final (none queued, in flight or held for a winner). */
  finished: boolean;
}

/** The ledger's counts for the live progress view, the report and `campaign status` (grouped queries on the ledger's index). */
export async function getCampaignProgress(campaignId: string): Promise<CampaignProgress> {
  const [campaign, states, reasons, extra] = await Promise.all([
    db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } }),
    db.$queryRaw<{ state: SendState; n: number }[]>`
      SELECT state::text, count(*)::int AS n FROM campaign_sends WHERE campaign_id = ${campaignId} GROUP BY state`,
    db.$queryRaw<{ reason: SkipReason; n: number }[]>`
      SELECT skip_reason::text AS reason, count(*)::int AS n FROM campaign_sends
      WHERE campaign_id = ${campaignId} AND state = 'skipped' GROUP BY skip_reason`,
    db.$queryRaw<{ duplicates: number; recent: number; span: number | null }[]>`
      SELECT count(*) FILTER (WHERE possible_duplicate)::int AS duplicates,
             count(*) FILTER (WHERE state = 'sent' AND sent_at > now() - interval '60 seconds')::int AS recent,
             extract(epoch FROM now() - min(sent_at) FILTER (WHERE state = 'sent' AND sent_at > now() - interval '60 seconds'))::float8 AS span
      FROM campaign_sends WHERE campaign_id = ${campaignId} AND (possible_duplicate OR sent_at > now() - interval '60 seconds')`,
  ]);
  const byState: CampaignProgress["byState"] = { queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  let held = 0;
  for (const r of states)
    if (r.state === "held") held = r.n;
    else byState[r.state] = r.n;
  const total = Object.values(byState).reduce((a, b) => a + b, held);
  const remaining = byState.queued + byState.sending;
  // Over the last minute, or since the first message of that minute (a campaign that started 5 s ago).
  const ratePerSecond = (extra[0]?.recent ?? 0) / Math.max(1, Math.min(60, extra[0]?.span ?? 60));
  return {
    status: campaign.status,
    total,
    byState,
    held,
    skippedBy: Object.fromEntries(reasons.map((r) => [r.reason, r.n])),
    possibleDuplicates: extra[0]?.duplicates ?? 0,
    ratePerSecond,
    etaSeconds: campaign.status === "sending" && ratePerSecond > 0 ? Math.ceil(remaining / ratePerSecond) : null,
    // Rows held for an experiment's winner are not final either.
    finished: total > 0 && remaining + held === 0,
  };
}
