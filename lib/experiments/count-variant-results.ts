import { db } from "../db";
import { HOLDOUT, type ExperimentMetric } from "./schemas";

export interface VariantCounts {
  key: string;
  /** Recipients sent the variant. */
  sent: number;
  /** Of those, unique people who opened (a person's open, or a click: images may be blocked). */
  opened: number;
  /** Unique people who clicked (a person's click, not a scanner's). */
  clicked: number;
  /** Placed a purchase within the attribution window after the send. */
  converted: number;
  /** Queued or in flight. */
  pending: number;
}

export interface ExperimentCounts {
  variants: VariantCounts[];
  /** The holdout group: its size and who bought within the window after the campaign started. */
  holdout: { size: number; converted: number };
}

/**
 * Each variant's figures from the send ledger and email_interactions (set-based, on the
 * campaign's index ranges), plus the holdout group's. Conversions: a purchase within
 * `attributionDays` after the send (the holdout: after the campaign started).
 */
export async function countVariantResults(options: {
  campaignId: string;
  attributionDays: number;
  /** false: skip the purchase look-ups (decisions only need opens and clicks). */
  conversions?: boolean;
}): Promise<ExperimentCounts> {
  const conversions = options.conversions ?? true;
  const rows = await db.$queryRaw<
    { variant: string; sent: number; opened: number; clicked: number; converted: number; pending: number; size: number }[]
  >`
    WITH s AS (
      SELECT s.customer_id, s.variant, s.state, coalesce(s.sent_at, k.started_at) AS since
      FROM campaign_sends s JOIN campaigns k ON k.id = s.campaign_id
      WHERE s.campaign_id = ${options.campaignId} AND s.variant IS NOT NULL
    ), eng AS (
      SELECT customer_id, bool_or(kind = 'open' AND NOT machine) OR bool_or(kind = 'click' AND NOT machine) AS opened,
             bool_or(kind = 'click' AND NOT machine) AS clicked
      FROM email_interactions WHERE campaign_id = ${options.campaignId} AND kind IN ('open', 'click') GROUP BY customer_id
    ), r AS (
      SELECT s.variant, s.state, coalesce(e.opened, false) AS opened, coalesce(e.clicked, false) AS clicked,
        ${conversions} AND (s.state = 'sent' OR s.variant = ${HOLDOUT}) AND EXISTS (
          SELECT 1 FROM orders o WHERE o.customer_id = s.customer_id AND o.kind = 'purchase'
            AND o.placed_at >= s.since AND o.placed_at < s.since + make_interval(days => ${options.attributionDays}::int)) AS converted
      FROM s LEFT JOIN eng e ON e.customer_id = s.customer_id
    )
    SELECT variant, count(*)::int AS size,
      count(*) FILTER (WHERE state = 'sent')::int AS sent,
      count(*) FILTER (WHERE state = 'sent' AND opened)::int AS opened,
      count(*) FILTER (WHERE state = 'sent' AND clicked)::int AS clicked,
      count(*) FILTER (WHERE converted)::int AS converted,
      count(*) FILTER (WHERE state IN ('queued', 'sending'))::int AS pending
    FROM r GROUP BY variant ORDER BY variant`;
  const holdout = rows.find((r) => r.variant === HOLDOUT);
  return {
    variants: rows
      .filter((r) => r.variant !== HOLDOUT)
      .map((r) => ({ key: r.variant, sent: r.sent, opened: r.opened, clicked: r.clicked, converted: r.converted, pending: r.pending })),
    holdout: { size: holdout?.size ?? 0, converted: holdout?.converted ?? 0 },
  };
}

/** Successes of the experiment's metric. */
export function successesOf(v: VariantCounts, metric: ExperimentMetric): number {
  return metric === "open" ? v.opened : v.clicked;
}
