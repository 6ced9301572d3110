import { db } from "../../db";
import { HOLDOUT } from "../../experiments/schemas";
import type { StepExperiment } from "./schemas";

export interface StepVariantCounts {
  key: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
  pending: number;
}

export interface StepExperimentCounts {
  variants: StepVariantCounts[];
  /** The holdout: how many reached the step and were sent nothing, and how many of them bought within the window. */
  holdout: { size: number; converted: number };
}

/** Successes of the step experiment's metric. */
export function stepSuccesses(v: StepVariantCounts, metric: StepExperiment["metric"]): number {
  return metric === "open" ? v.opened : v.clicked;
}

/**
 * Each variant's figures for one setup of a step's experiment, from flow_messages and the step's
 * email_interactions: sent, unique people who opened (a click counts as an open: images may be
 * blocked) or clicked after their message was sent (machine opens and clicks left out), pending,
 * and purchases within `attributionDays` after the send (the holdout: after they reached the step).
 * `firstPerVariant`: only each variant's first n messages sent (a fixed test decides on its sample).
 */
export async function countStepVariantResults(opts: {
  experimentId: bigint;
  attributionDays: number;
  firstPerVariant?: number;
  conversions?: boolean;
}): Promise<StepExperimentCounts> {
  const first = opts.firstPerVariant ?? null;
  const rows = await db.$queryRaw<
    { variant: string; size: number; sent: number; opened: number; clicked: number; converted: number; pending: number }[]
  >`
    WITH m AS (
      SELECT m.id, m.customer_id, m.flow_id, m.step_id, m.variant, m.status, m.sent_at, coalesce(m.sent_at, m.created_at) AS since,
        row_number() OVER (PARTITION BY m.variant, m.status = 'sent' ORDER BY m.sent_at, m.id) AS nth
      FROM flow_messages m WHERE m.experiment_id = ${opts.experimentId}
    ), kept AS (
      SELECT * FROM m WHERE ${first}::int IS NULL OR m.variant = ${HOLDOUT} OR (m.status = 'sent' AND m.nth <= ${first}::int)
    ), eng AS (
      SELECT i.customer_id, max(i.occurred_at) AS engaged_at, max(i.occurred_at) FILTER (WHERE i.kind = 'click') AS clicked_at
      FROM email_interactions i
      WHERE (i.flow_id, i.flow_step_id) = (SELECT flow_id, step_id FROM m LIMIT 1) AND i.kind IN ('open', 'click') AND NOT i.machine
        AND i.customer_id IN (SELECT customer_id FROM kept WHERE status = 'sent')
      GROUP BY i.customer_id
    ), r AS (
      SELECT k.variant, k.status, coalesce(e.engaged_at >= k.sent_at, false) AS opened, coalesce(e.clicked_at >= k.sent_at, false) AS clicked,
        ${opts.conversions ?? true} AND (k.status = 'sent' OR k.variant = ${HOLDOUT}) AND EXISTS (
          SELECT 1 FROM orders o WHERE o.customer_id = k.customer_id AND o.kind = 'purchase'
            AND o.placed_at >= k.since AND o.placed_at < k.since + make_interval(days => ${opts.attributionDays}::int)) AS converted
      FROM kept k LEFT JOIN eng e ON e.customer_id = k.customer_id
    )
    SELECT variant, count(*)::int AS size,
      count(*) FILTER (WHERE status = 'sent')::int AS sent,
      count(*) FILTER (WHERE status = 'sent' AND opened)::int AS opened,
      count(*) FILTER (WHERE status = 'sent' AND clicked)::int AS clicked,
      count(*) FILTER (WHERE converted)::int AS converted,
      count(*) FILTER (WHERE status IN ('queued', 'sending'))::int AS pending
    FROM r GROUP BY variant ORDER BY variant`;
  const holdout = rows.find((r) => r.variant === HOLDOUT);
  return {
    variants: rows
      .filter((r) => r.variant !== HOLDOUT)
      .map((r) => ({ key: r.variant, sent: r.sent, opened: r.opened, clicked: r.clicked, converted: r.converted, pending: r.pending })),
    holdout: { size: holdout?.size ?? 0, converted: holdout?.converted ?? 0 },
  };
}
