import { durationMs } from "../../window-bounds";
import type { ConditionDefinition } from "../types";
import { orderKind, type OrderCondition, type OrderConditionInput } from "./schema";
import { evaluateOrder } from "./semantics";
import { orderSql } from "./sql";

export const orderCondition: ConditionDefinition<OrderCondition, OrderConditionInput> = {
  ...orderKind,
  compile: orderSql,
  analyze: (c) => ({ triggers: ["orders"], timeBased: c.window.type === "last" }),
  timeCandidates: (c, { crossing }) =>
    c.window.type === "last"
      ? [`SELECT customer_id FROM orders WHERE ${crossing("placed_at", [durationMs(c.window.amount, c.window.unit)])}`]
      : [],
  evaluate: evaluateOrder,
};
