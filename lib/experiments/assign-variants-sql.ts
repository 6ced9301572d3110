import { Prisma } from "../generated/prisma/client";
import { parseVariants } from "./campaign-variant";
import { HOLDOUT } from "./schemas";
import { variantDueSql } from "./send-time-sql";

export interface ExperimentSplit {
  variantKeys: string[];
  testPercent: number;
  holdoutPercent: number;
  /** Send-time tests: each variant's HH:MM in the recipient's zone (`classified.zone`), the next one after `now`. */
  sendTimes?: Record<string, string | null | undefined>;
  now?: Date;
}

/** The fan-out's split of a stored experiment (null without one). */
export function experimentSplit(
  experiment: { dimension: string; variants: unknown; testPercent: number; holdoutPercent: number } | null,
  now: Date,
): ExperimentSplit | null {
  if (!experiment) return null;
  const variants = parseVariants(experiment.variants);
  return {
    variantKeys: variants.map((v) => v.key),
    testPercent: experiment.testPercent,
    holdoutPercent: experiment.holdoutPercent,
    ...(experiment.dimension === "send_time" ? { sendTimes: Object.fromEntries(variants.map((v) => [v.key, v.sendTime])), now } : {}),
  };
}

/**
 * The fan-out's split of the mailable recipients (`classified` rows whose reason is NULL), as
 * SELECT customer_id, due, variant, state. Without an experiment everyone is queued with no variant.
 * With one, recipients are ranked by a hash of campaign and customer (a fixed random order): the
 * first holdout % form the holdout group (skipped, sent nothing), the next test % are dealt to the
 * variants in turn (queued), and the rest are held for the winner (test mode) or for the next
 * waves (bandit). A send-time test's variants are due at their own time in each recipient's zone
 * (`classified` then has a `zone` column).
 */
export function assignVariantsSql(campaignId: string, split: ExperimentSplit | null): Prisma.Sql {
  if (!split)
    return Prisma.sql`SELECT customer_id, due, NULL::text AS variant, 'queued'::text AS state FROM classified WHERE reason IS NULL`;
  const holdoutEnd = Prisma.sql`floor(n * ${split.holdoutPercent}::int / 100.0)`;
  const testEnd = Prisma.sql`(${holdoutEnd} + ceil(n * ${split.testPercent}::int / 100.0))`;
  const k = split.variantKeys.length;
  const dealt = Prisma.sql`
    SELECT customer_id, due,
      CASE WHEN r <= ${holdoutEnd} THEN ${HOLDOUT}
           WHEN r <= ${testEnd} THEN (${split.variantKeys}::text[])[1 + ((r - ${holdoutEnd} - 1)::int % ${k}::int)]
      END AS variant,
      CASE WHEN r <= ${holdoutEnd} THEN 'skipped' WHEN r <= ${testEnd} THEN 'queued' ELSE 'held' END AS state
    FROM (
      SELECT customer_id, due, row_number() OVER (ORDER BY md5(${campaignId} || ':' || customer_id::text), customer_id) AS r,
        count(*) OVER () AS n
      FROM classified WHERE reason IS NULL
    ) ranked`;
  if (!split.sendTimes) return dealt;
  const due = variantDueSql({
    variant: Prisma.sql`d.variant`,
    sendTimes: split.sendTimes,
    zone: Prisma.sql`c.zone`,
    after: Prisma.sql`${split.now ?? new Date()}::timestamptz`,
    otherwise: Prisma.sql`d.due`,
  });
  return Prisma.sql`
    SELECT d.customer_id, CASE WHEN d.state = 'queued' THEN ${due} ELSE d.due END AS due, d.variant, d.state
    FROM (${dealt}) d JOIN classified c ON c.customer_id = d.customer_id`;
}
