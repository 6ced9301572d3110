import type { ReferenceAt } from "../types";
import type { SegmentCondition } from "./schema";

/** Whether the customer is among the other segment's members. */
export function evaluateSegment(cond: SegmentCondition, { data, customer }: ReferenceAt): boolean {
  const member = data.members.get(cond.segmentId)?.has(customer.id) ?? false;
  return cond.in ? member : !member;
}
