import { db } from "../db";
import { rebuildCustomerFeatures } from "../features/rebuild-customer-features";
import { refreshCustomerFeatures } from "../features/refresh-customer-features";
import { scoreRfm } from "../features/score-rfm";
import { queueSegmentRebuild } from "../jobs/segment-rebuild-job";
import { segmentReferenceTime } from "../segments/reference-time";

/** Above this share of all customers, one pass over everyone beats looking the touched ones up. */
const EVERYONE_ABOVE = 0.3;

/**
 * Part of an import, after its merge commits and before it reports done: the features of the
 * customers it created or changed are recomputed (set-based, as of the segments' reference time),
 * then RFM is rescored — new purchases move everyone's quintile edges — and the segments that read
 * RFM scores are queued for a rebuild. Segment re-evaluation of the touched customers follows
 * (notifyImportedCustomers). When the import touched a large share of the customers, everyone's
 * features and scores are recomputed together and each row is written once (rebuildCustomerFeatures)
 * instead of once for the features and again for RFM. Returns how many feature rows were written.
 */
export async function refreshImportedFeatures(opts: { customerIds: number[] }): Promise<number> {
  if (opts.customerIds.length === 0) return 0;
  const { ref } = await segmentReferenceTime();
  const total = await db.customer.count();
  const everyone = opts.customerIds.length > EVERYONE_ABOVE * total;
  let written: number;
  if (everyone) {
    written = (await rebuildCustomerFeatures({ asOf: ref })).customers;
  } else {
    written = await refreshCustomerFeatures({ asOf: ref, customerIds: opts.customerIds });
    await scoreRfm();
  }
  try {
    const segments = await db.segment.findMany({ where: { triggers: { has: "rfm" } }, select: { id: true } });
    for (const s of segments) await queueSegmentRebuild({ segmentId: s.id });
  } catch (e) {
    console.error(`Segments using RFM were not queued for a rebuild after the import: ${e instanceof Error ? e.message : String(e)}`);
  }
  return written;
}
