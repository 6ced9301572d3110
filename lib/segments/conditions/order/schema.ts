import { z } from "zod";
import { describeWindow, opText, quote, text, windowOrEverSchema } from "../../condition-fields";
import { defineConditionKind } from "../../define-condition";

export const orderConditionSchema = z.object({
  kind: z.literal("order"),
  measure: z.enum(["count", "sum"]),
  op: z.enum(["gt", "gte", "lt", "lte", "eq"]),
  value: z.number().min(0).max(1e12),
  window: windowOrEverSchema,
  /** Only orders with this product (SKU) or category. */
  sku: text.optional(),
  category: text.optional(),
});
export type OrderCondition = z.infer<typeof orderConditionSchema>;

export const orderKind = defineConditionKind(orderConditionSchema, {
  label: "Orders",
  description: "The number of purchases or the spend in a time window, optionally of one product or category.",
  defaults: { kind: "order", measure: "count", op: "gte", value: 1, window: { type: "last", amount: 90, unit: "days" } },
  describe(c) {
    const what = c.sku ? ` of ${c.sku}` : c.category ? ` in category ${quote(c.category)}` : "";
    return `${c.measure === "count" ? "Number of orders" : "Spend"}${what} ${describeWindow(c.window)} ${opText[c.op]} ${c.value}`;
  },
});
