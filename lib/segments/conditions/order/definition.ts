import { durationMs } from "../../window-bounds";
import { defineCondition } from "../../define-condition";
import { orderKind } from "./schema";
import { evaluateOrder } from "./semantics";
import { orderSql } from "./sql";

export const orderCondition = defineCondition(orderKind, {
  compile: orderSql,
  analyze: (c) => ({ triggers: ["orders"], timeBased: c.window.type === "last" }),
  timeCandidates: (c, { crossing }) =>
    c.window.type === "last"
      ? [`SELECT customer_id FROM orders WHERE ${crossing("placed_at", [durationMs(c.window.amount, c.window.unit)])}`]
      : [],
  evaluate: evaluateOrder,
});
