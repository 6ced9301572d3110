import { z } from "zod";
import { amount, describeWindow, eventType, propertyFiltersSchema, quote, timeUnits, windowOrEverSchema } from "../../condition-fields";
import { defineConditionKind } from "../../define-condition";

const stepSchema = z.object({ eventType, where: propertyFiltersSchema });

export const sequenceConditionSchema = z.object({
  kind: z.literal("sequence"),
  first: stepSchema,
  then: stepSchema,
  /** false: "did first and NOT then within …" (counted only once the time has passed). */
  thenDid: z.boolean().default(false),
  within: z.object({ amount, unit: z.enum(timeUnits) }),
  /** When the first step happened. */
  window: windowOrEverSchema,
});
export type SequenceCondition = z.infer<typeof sequenceConditionSchema>;

export const sequenceKind = defineConditionKind(sequenceConditionSchema, {
  label: "Event sequence",
  description: "Did one event and then (or not) another within a time (e.g. added to cart and not ordered within 24 hours).",
  defaults: {
    kind: "sequence",
    first: { eventType: "added_to_cart", where: [] },
    then: { eventType: "order_completed", where: [] },
    thenDid: false,
    within: { amount: 24, unit: "hours" },
    window: { type: "last", amount: 7, unit: "days" },
  },
  describe: (c) =>
    `Did ${quote(c.first.eventType)} ${describeWindow(c.window)} and ${c.thenDid ? "then" : "not"} ${quote(c.then.eventType)} within ${c.within.amount} ${c.within.unit} after`,
});
