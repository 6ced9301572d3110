import { enqueueJob } from "../jobs/enqueue-job";
import { segmentReevaluateJob } from "../jobs/segment-reevaluate-job";
import type { ChangeKind } from "./reevaluate-customers";

const CHUNK = 5000;

/**
 * For the tracking pipeline and the importers, after their transaction commits: these customers
 * changed in these ways ("event:<type>", "orders", "attributes", "consent"). Queues their
 * re-evaluation against the segments that kind of change can affect (features refreshed first).
 */
export async function onCustomersChanged(opts: { customerIds: number[]; kinds: ChangeKind[] }): Promise<void> {
  const ids = [...new Set(opts.customerIds)].sort((a, b) => a - b);
  const kinds = [...new Set(opts.kinds)];
  if (ids.length === 0 || kinds.length === 0) return;
  for (let i = 0; i < ids.length; i += CHUNK) {
    await enqueueJob({
      job: segmentReevaluateJob,
      data: { customerIds: ids.slice(i, i + CHUNK), kinds },
      options: { attempts: 5, backoff: { type: "exponential", delay: 1000 } },
    });
  }
}
