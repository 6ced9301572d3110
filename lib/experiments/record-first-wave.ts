import type { Prisma } from "../generated/prisma/client";

/**
 * A bandit's wave 0, in the fan-out's transaction: the first wave is dealt to the arms in turn, so
 * its allocation is even; the shares recorded are what each arm got.
 */
export async function recordFirstWave(tx: Prisma.TransactionClient, campaignId: string): Promise<void> {
  await tx.$executeRaw`
    WITH arms AS (
      SELECT variant, count(*)::int AS n FROM campaign_sends
      WHERE campaign_id = ${campaignId} AND state = 'queued' AND variant IS NOT NULL GROUP BY variant
    ), total AS (SELECT sum(n)::float8 AS t FROM arms)
    INSERT INTO campaign_experiment_allocations (campaign_id, wave, at, shares, arms, recipients)
    SELECT ${campaignId}, 0, now(),
      jsonb_object_agg(variant, n / t),
      jsonb_object_agg(variant, jsonb_build_object('sent', 0, 'successes', 0)),
      max(t)::int
    FROM arms, total
    HAVING count(*) > 0
    ON CONFLICT DO NOTHING`;
}
