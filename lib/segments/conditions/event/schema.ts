import { z } from "zod";
import { countOps, describeFilter, describeWindow, eventType, propertyFilterSchema, quote, windowSchema } from "../../condition-fields";
import type { ConditionKind } from "../types";

export const eventConditionSchema = z.object({
  kind: z.literal("event"),
  eventType,
  /** false: "did not do" (no matching event in the window). */
  did: z.boolean().default(true),
  where: z.array(propertyFilterSchema).max(10).default([]),
  countOp: z.enum(countOps).default("gte"),
  count: z.number().int().min(0).max(1_000_000).default(1),
  window: windowSchema.default({ type: "ever" }),
});
export type EventCondition = z.infer<typeof eventConditionSchema>;
export type EventConditionInput = z.input<typeof eventConditionSchema>;

export const eventKind: ConditionKind<EventCondition, EventConditionInput> = {
  kind: "event",
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
  schema: eventConditionSchema,
  describe(c) {
    const where = c.where.length ? ` where ${c.where.map(describeFilter).join(" and ")}` : "";
    const times = c.did
      ? c.countOp === "gte" && c.count === 1
        ? ""
        : ` ${({ gte: "at least", lte: "at most", eq: "exactly" } as const)[c.countOp]} ${c.count} times`
      : "";
    return `${c.did ? "Did" : "Did not do"} ${quote(c.eventType)}${where}${times} ${describeWindow(c.window)}`;
  },
};
