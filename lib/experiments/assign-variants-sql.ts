import { Prisma } from "../generated/prisma/client";
import { HOLDOUT } from "./schemas";

export interface ExperimentSplit {
  variantKeys: string[];
  testPercent: number;
  holdoutPercent: number;
}

/**
 * The fan-out's split of the mailable recipients (`classified` rows whose reason is NULL), as
 * SELECT customer_id, due, variant, state. Without an experiment everyone is queued with no variant.
 * With one, recipients are ranked by a hash of campaign and customer (a fixed random order): the
 * first holdout % form the holdout group (skipped, sent nothing), the next test % are dealt to the
 * variants in turn (queued), and the rest are held for the winner (test mode) or for the next
 * waves (bandit).
 */
export function assignVariantsSql(campaignId: string, split: ExperimentSplit | null): Prisma.Sql {
  if (!split)
    return Prisma.sql`SELECT customer_id, due, NULL::text AS variant, 'queued'::text AS state FROM classified WHERE reason IS NULL`;
  const holdoutEnd = Prisma.sql`floor(n * ${split.holdoutPercent}::int / 100.0)`;
  const testEnd = Prisma.sql`(${holdoutEnd} + ceil(n * ${split.testPercent}::int / 100.0))`;
  const k = split.variantKeys.length;
  return Prisma.sql`
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
}
