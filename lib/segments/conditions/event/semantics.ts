import { countMeets, propertyMatches } from "../../condition-semantics";
import { inWindow } from "../../window-bounds";
import type { ReferenceAt } from "../types";
import type { EventCondition } from "./schema";

/** How many of the customer's events of the type, in the window, meet every filter; "did not do": none. */
export function evaluateEvent(cond: EventCondition, { data, customer, ref }: ReferenceAt): boolean {
  const n = data.events.filter(
    (e) =>
      e.customerId === customer.id &&
      e.type === cond.eventType &&
      inWindow(e.occurredAt, cond.window, ref) &&
      cond.where.every((w) => propertyMatches(e.properties, w)),
  ).length;
  return cond.did ? countMeets(cond.countOp, n, cond.count) : n === 0;
}
