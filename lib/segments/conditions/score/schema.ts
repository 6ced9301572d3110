import { z } from "zod";
import type { ConditionKind } from "../types";

/** The customer_scores columns a condition can read, with their labels. */
export const scoreFields = {
  churn_probability: "Churn probability",
  probability_alive: "Probability alive",
  clv: "Predicted lifetime value",
  expected_purchases: "Expected purchases",
  propensity: "Purchase propensity",
} as const;

export const scoreConditionSchema = z.object({
  kind: z.literal("score"),
  score: z.enum(Object.keys(scoreFields) as [keyof typeof scoreFields, ...(keyof typeof scoreFields)[]]),
  /** gt/gte/lt/lte compare with `value`; top_percent: among the `value` % highest scores. */
  op: z.enum(["gt", "gte", "lt", "lte", "top_percent"]),
  value: z.number().finite(),
});
export type ScoreCondition = z.infer<typeof scoreConditionSchema>;
export type ScoreConditionInput = z.input<typeof scoreConditionSchema>;

const opWords = { gt: "above", gte: "at least", lt: "below", lte: "at most" } as const;

export const scoreKind: ConditionKind<ScoreCondition, ScoreConditionInput> = {
  kind: "score",
  label: "Predictive score",
  description: "A score from the latest model run: churn probability, probability alive, predicted lifetime value, purchase propensity.",
  defaults: { kind: "score", score: "churn_probability", op: "gt", value: 0.7 },
  schema: scoreConditionSchema,
  describe: (c) =>
    c.op === "top_percent" ? `${scoreFields[c.score]} in the top ${c.value} %` : `${scoreFields[c.score]} ${opWords[c.op]} ${c.value}`,
};
