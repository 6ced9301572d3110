import { refreshCustomerFeatures } from "../features/refresh-customer-features";
import { MERGED_CHANGE } from "./change-kinds";
import { findAffectedSegments } from "./find-affected-segments";
import { refreshSegmentMembership, type TransitionCause } from "./refresh-segment-membership";
import { segmentReferenceTime } from "./reference-time";

/** What changed for some customers: "event:<type>", "orders", "attributes", "consent", "merged" (everything). */
export type ChangeKind = string;

// Imported history uses email_opened / email_clicked; campaign tracking records Email Opened / Email Link Clicked.
const FEATURE_EVENTS = new Set(["event:email_opened", "event:email_clicked", "event:Email Opened", "event:Email Link Clicked"]);

/**
 * After orders or events for some customers: their features are refreshed, then only the segments
 * whose conditions that kind of change can affect are re-evaluated for those customers, each after
 * the segments it uses. Returns the number of entries and exits.
 */
export async function reevaluateCustomers(opts: {
  customerIds: number[];
  kinds: ChangeKind[];
  now?: Date;
  cause?: TransitionCause;
}): Promise<{ segments: number; entered: number; exited: number }> {
  if (opts.customerIds.length === 0) return { segments: 0, entered: 0, exited: 0 };
  const { ref } = await segmentReferenceTime({ now: opts.now });
  const triggers = new Set(opts.kinds);
  const merged = triggers.has(MERGED_CHANGE);
  if (merged || opts.kinds.some((k) => k === "orders" || FEATURE_EVENTS.has(k))) {
    await refreshCustomerFeatures({ asOf: ref, customerIds: opts.customerIds });
    triggers.add("features");
  }
  const segments = await findAffectedSegments({ triggers: [...triggers], all: merged });
  let entered = 0;
  let exited = 0;
  for (const segment of segments) {
    const change = await refreshSegmentMembership({
      segmentId: segment.id,
      ref,
      cause: opts.cause ?? "change",
      customerIds: opts.customerIds,
    });
    entered += change.entered.length;
    exited += change.exited.length;
  }
  return { segments: segments.length, entered, exited };
}
