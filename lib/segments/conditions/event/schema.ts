import { z } from "zod";
import {
  countOps,
  describeFilter,
  describeWindow,
  eventType,
  propertyFiltersSchema,
  quote,
  windowOrEverSchema,
} from "../../condition-fields";
import { defineConditionKind } from "../../define-condition";

export const eventConditionSchema = z.object({
  kind: z.literal("event"),
  eventType,
  /** false: "did not do" (no matching event in the window). */
  did: z.boolean().default(true),
  where: propertyFiltersSchema,
  countOp: z.enum(countOps).default("gte"),
  count: z.number().int().min(0).max(1_000_000).default(1),
  window: windowOrEverSchema,
});
export type EventCondition = z.infer<typeof eventConditionSchema>;

export const eventKind = defineConditionKind(eventConditionSchema, {
  label: "Event",
  description: "Did (or did not do) an event, with property filters, a number of times, in a time window.",
  defaults: {
    kind: "event",
    eventType: "product_viewed",
    did: true,
    where: [],
    countOp: "gte",
    count: 1,
    window: { type: "last", amount: 30, unit: "days" },
  },
  describe(c) {
    const where = c.where.length ? ` where ${c.where.map(describeFilter).join(" and ")}` : "";
    const times = c.did
      ? c.countOp === "gte" && c.count === 1
        ? ""
        : ` ${({ gte: "at least", lte: "at most", eq: "exactly" } as const)[c.countOp]} ${c.count} times`
      : "";
    return `${c.did ? "Did" : "Did not do"} ${quote(c.eventType)}${where}${times} ${describeWindow(c.window)}`;
  },
});
