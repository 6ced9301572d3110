import { propertyMatches } from "../../condition-semantics";
import { durationMs, inWindow } from "../../window-bounds";
import type { ReferenceAt } from "../types";
import type { SequenceCondition } from "./schema";

/** Some first event in the window followed by a second one within the time (or, once the time has passed, by none). */
export function evaluateSequence(cond: SequenceCondition, { data, customer, ref }: ReferenceAt): boolean {
  const within = durationMs(cond.within.amount, cond.within.unit);
  return data.events.some((a) => {
    if (a.customerId !== customer.id || a.type !== cond.first.eventType || !inWindow(a.occurredAt, cond.window, ref)) return false;
    if (!cond.first.where.every((w) => propertyMatches(a.properties, w))) return false;
    if (!cond.thenDid && a.occurredAt.getTime() + within > ref.getTime()) return false;
    const followed = data.events.some(
      (b) =>
        b.customerId === customer.id &&
        b.type === cond.then.eventType &&
        b.id !== a.id &&
        b.occurredAt.getTime() >= a.occurredAt.getTime() &&
        b.occurredAt.getTime() <= a.occurredAt.getTime() + within &&
        b.occurredAt.getTime() <= ref.getTime() &&
        cond.then.where.every((w) => propertyMatches(b.properties, w)),
    );
    return cond.thenDid ? followed : !followed;
  });
}
