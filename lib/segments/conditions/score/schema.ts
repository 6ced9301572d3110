import { z } from "zod";
import { defineConditionKind } from "../../define-condition";

/** The scores a condition can read (customer_scores columns; propensity: customer_propensities of a category), with their labels. */
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
  /** Purchase propensity only: the category whose model's scores to read (absent: any product). */
  category: z.string().trim().min(1).max(200).optional(),
});
export type ScoreCondition = z.infer<typeof scoreConditionSchema>;

const opWords = { gt: "above", gte: "at least", lt: "below", lte: "at most" } as const;

export const scoreKind = defineConditionKind(scoreConditionSchema, {
  label: "Predictive score",
  description: "A score from the latest model run: churn probability, probability alive, predicted lifetime value, purchase propensity.",
  defaults: { kind: "score", score: "churn_probability", op: "gt", value: 0.7 },
  describe: (c) => {
    const score = c.score === "propensity" && c.category ? `Purchase propensity for “${c.category}”` : scoreFields[c.score];
    return c.op === "top_percent" ? `${score} in the top ${c.value} %` : `${score} ${opWords[c.op]} ${c.value}`;
  },
});
