import { db } from "../db";
import type { VariantResult } from "./decide-winner";
import { HOLDOUT, isMeanMetric, type ExperimentMetric } from "./schemas";
import type { SampleSummary } from "./welch-t-test";

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
  /** Revenue per recipient sent: each recipient's purchases within the window (0 for most), summarised. */
  revenue: SampleSummary;
  /** Queued or in flight. */
  pending: number;
}

export interface ExperimentCounts {
  variants: VariantCounts[];
  /** The holdout group: its size and who bought (and for how much) within the window after the campaign started. */
  holdout: { size: number; converted: number; revenue: SampleSummary };
}

/**
 * Each variant's figures from the send ledger and email_interactions (set-based, on the
 * campaign's index ranges), plus the holdout group's. Conversions and revenue: purchases
 * (`orders.kind = 'purchase'`, their totals) a recipient placed within `attributionDays` after
 * their send (the holdout: after the campaign started) — the campaign report's attribution window,
 * counted from the send rather than from a click, so that a variant that draws more clicks gets no
 * purchases it did not cause, and so that the holdout, who never click, compares.
 * `windowMinutes` (send-time tests) counts only what happened within that many minutes of each
 * recipient's own send, so that variants sent hours apart are measured over the same time.
 */
export async function countVariantResults(options: {
  campaignId: string;
  attributionDays: number;
  /** false: skip the purchase look-ups (decisions on opens and clicks only need those). */
  conversions?: boolean;
  windowMinutes?: number;
}): Promise<ExperimentCounts> {
  const conversions = options.conversions ?? true;
  const window = options.windowMinutes ?? null;
  const rows = await db.$queryRaw<VariantCountRow[]>`
    WITH s AS (
      SELECT s.customer_id, s.variant, s.state, coalesce(s.sent_at, k.started_at) AS since,
        CASE WHEN ${window}::int IS NULL THEN coalesce(s.sent_at, k.started_at) + make_interval(days => ${options.attributionDays}::int)
             ELSE least(coalesce(s.sent_at, k.started_at) + make_interval(days => ${options.attributionDays}::int),
                        coalesce(s.sent_at, k.started_at) + make_interval(mins => ${window}::int)) END AS until
      FROM campaign_sends s JOIN campaigns k ON k.id = s.campaign_id
      WHERE s.campaign_id = ${options.campaignId} AND s.variant IS NOT NULL
    ), eng AS (
      SELECT s.customer_id, bool_or(i.kind = 'open' AND NOT i.machine) OR bool_or(i.kind = 'click' AND NOT i.machine) AS opened,
             bool_or(i.kind = 'click' AND NOT i.machine) AS clicked
      FROM s JOIN email_interactions i ON i.customer_id = s.customer_id
      WHERE i.campaign_id = ${options.campaignId} AND i.kind IN ('open', 'click') AND (${window}::int IS NULL OR i.occurred_at < s.until)
      GROUP BY s.customer_id
    ), r AS (
      SELECT s.variant, s.state, coalesce(e.opened, false) AS opened, coalesce(e.clicked, false) AS clicked,
        coalesce(b.orders, 0) > 0 AS converted, coalesce(b.amount, 0) AS amount
      FROM s LEFT JOIN eng e ON e.customer_id = s.customer_id
      LEFT JOIN LATERAL (
        SELECT count(*) AS orders, sum(o.total)::float8 AS amount FROM orders o
        WHERE ${conversions} AND (s.state = 'sent' OR s.variant = ${HOLDOUT}) AND o.customer_id = s.customer_id
          AND o.kind = 'purchase' AND o.placed_at >= s.since AND o.placed_at < s.until
      ) b ON true
    )
    SELECT variant, count(*)::int AS size,
      count(*) FILTER (WHERE state = 'sent')::int AS sent,
      count(*) FILTER (WHERE state = 'sent' AND opened)::int AS opened,
      count(*) FILTER (WHERE state = 'sent' AND clicked)::int AS clicked,
      count(*) FILTER (WHERE converted)::int AS converted,
      count(*) FILTER (WHERE state IN ('queued', 'sending'))::int AS pending,
      avg(amount) FILTER (WHERE state = 'sent' OR variant = ${HOLDOUT})::float8 AS revenue_mean,
      var_samp(amount) FILTER (WHERE state = 'sent' OR variant = ${HOLDOUT})::float8 AS revenue_variance
    FROM r GROUP BY variant ORDER BY variant`;
  return experimentCountsOf(rows);
}

/** One row per variant (and the holdout) of the counting queries, campaigns' and flow steps' alike. */
export interface VariantCountRow {
  variant: string;
  size: number;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
  pending: number;
  revenue_mean: number | null;
  revenue_variance: number | null;
}

/** The counting query's rows as each variant's figures and the holdout's. */
export function experimentCountsOf(rows: VariantCountRow[]): ExperimentCounts {
  const revenueOf = (n: number, r: VariantCountRow | undefined): SampleSummary => ({
    n,
    mean: r?.revenue_mean ?? 0,
    variance: r?.revenue_variance ?? 0,
  });
  const holdout = rows.find((r) => r.variant === HOLDOUT);
  return {
    variants: rows
      .filter((r) => r.variant !== HOLDOUT)
      .map((r) => ({
        key: r.variant,
        sent: r.sent,
        opened: r.opened,
        clicked: r.clicked,
        converted: r.converted,
        revenue: revenueOf(r.sent, r),
        pending: r.pending,
      })),
    holdout: { size: holdout?.size ?? 0, converted: holdout?.converted ?? 0, revenue: revenueOf(holdout?.size ?? 0, holdout) },
  };
}

/** Successes of a rate metric (revenue: the buyers). */
export function successesOf(v: VariantCounts, metric: ExperimentMetric): number {
  return metric === "open" ? v.opened : metric === "click" ? v.clicked : v.converted;
}

/** What the decision reads of one variant: its successes out of recipients sent, and for revenue the mean and variance. */
export function variantResult(key: string, v: VariantCounts | undefined, metric: ExperimentMetric): VariantResult {
  const result: VariantResult = { id: key, successes: v ? successesOf(v, metric) : 0, trials: v?.sent ?? 0 };
  if (isMeanMetric(metric)) return { ...result, mean: v?.revenue.mean ?? 0, variance: v?.revenue.variance ?? 0 };
  return result;
}

/** Whether counting the metric needs the purchase look-ups. */
export function needsPurchases(metric: ExperimentMetric): boolean {
  return metric === "conversion" || metric === "revenue";
}
