import { db } from "../../db";
import { experimentCountsOf, type ExperimentCounts, type VariantCountRow } from "../../experiments/count-variant-results";
import { HOLDOUT } from "../../experiments/schemas";

/**
 * Each variant's figures for one setup of a step's experiment, from flow_messages and the step's
 * email_interactions, in the campaigns' shape (lib/experiments/count-variant-results.ts): sent,
 * unique people who opened (a click counts as an open: images may be blocked) or clicked after
 * their message was sent (machine opens and clicks left out), pending, and purchases
 * (`orders.kind = 'purchase'`) within `attributionDays` after the send — who bought, and each
 * recipient's revenue (zeros included) as mean and variance; the holdout's from when they reached
 * the step. `firstPerVariant`: only each variant's first n messages sent (a fixed test decides on
 * its sample). `windowMinutes` (send-time tests): only what each recipient did within that many
 * minutes of their own send, so variants sent hours apart are measured over the same time.
 */
export async function countStepVariantResults(opts: {
  experimentId: bigint;
  attributionDays: number;
  firstPerVariant?: number;
  /** false: skip the purchase look-ups (decisions on opens and clicks only need those). */
  conversions?: boolean;
  windowMinutes?: number;
}): Promise<ExperimentCounts> {
  const first = opts.firstPerVariant ?? null;
  const window = opts.windowMinutes ?? null;
  const rows = await db.$queryRaw<VariantCountRow[]>`
    WITH m AS (
      SELECT m.id, m.customer_id, m.flow_id, m.step_id, m.variant, m.status, m.sent_at, coalesce(m.sent_at, m.created_at) AS since,
        row_number() OVER (PARTITION BY m.variant, m.status = 'sent' ORDER BY m.sent_at, m.id) AS nth
      FROM flow_messages m WHERE m.experiment_id = ${opts.experimentId}
    ), kept AS (
      SELECT *, CASE WHEN ${window}::int IS NULL THEN since + make_interval(days => ${opts.attributionDays}::int)
                     ELSE since + make_interval(mins => ${window}::int) END AS until
      FROM m WHERE ${first}::int IS NULL OR m.variant = ${HOLDOUT} OR (m.status = 'sent' AND m.nth <= ${first}::int)
    ), eng AS (
      SELECT k.id, bool_or(i.kind IN ('open', 'click')) AS opened, bool_or(i.kind = 'click') AS clicked
      FROM kept k JOIN email_interactions i ON i.customer_id = k.customer_id AND i.flow_id = k.flow_id AND i.flow_step_id = k.step_id
      WHERE k.status = 'sent' AND i.kind IN ('open', 'click') AND NOT i.machine AND i.occurred_at >= k.sent_at
        AND (${window}::int IS NULL OR i.occurred_at < k.until)
      GROUP BY k.id
    ), r AS (
      SELECT k.variant, k.status, coalesce(e.opened, false) AS opened, coalesce(e.clicked, false) AS clicked,
        coalesce(b.orders, 0) > 0 AS converted, coalesce(b.amount, 0) AS amount, k.status = 'sent' OR k.variant = ${HOLDOUT} AS counted
      FROM kept k LEFT JOIN eng e ON e.id = k.id
      LEFT JOIN LATERAL (
        SELECT count(*) AS orders, sum(o.total)::float8 AS amount FROM orders o
        WHERE ${opts.conversions ?? true} AND (k.status = 'sent' OR k.variant = ${HOLDOUT}) AND o.customer_id = k.customer_id
          AND o.kind = 'purchase' AND o.placed_at >= k.since AND o.placed_at < k.until
      ) b ON true
    )
    SELECT variant, count(*)::int AS size,
      count(*) FILTER (WHERE status = 'sent')::int AS sent,
      count(*) FILTER (WHERE status = 'sent' AND opened)::int AS opened,
      count(*) FILTER (WHERE status = 'sent' AND clicked)::int AS clicked,
      count(*) FILTER (WHERE converted)::int AS converted,
      count(*) FILTER (WHERE status IN ('queued', 'waiting', 'sending'))::int AS pending,
      avg(amount) FILTER (WHERE counted)::float8 AS revenue_mean,
      var_samp(amount) FILTER (WHERE counted)::float8 AS revenue_variance
    FROM r GROUP BY variant ORDER BY variant`;
  return experimentCountsOf(rows);
}
