import { z } from "zod";
import { comparisonFields, dateOps, describeValue, numberOps, opText } from "../../condition-fields";
import { defineConditionKind } from "../../define-condition";

/** customer_features' columns (and two computed at the reference date) with their value types. */
export const featureNames = {
  recency_days: "number",
  frequency: "number",
  monetary: "number",
  avg_order_value: "number",
  tenure_days: "number",
  categories: "number",
  opens_30: "number",
  opens_90: "number",
  clicks_30: "number",
  clicks_90: "number",
  first_purchase_at: "date",
  last_purchase_at: "date",
  last_seen_at: "date",
} as const;
export type FeatureName = keyof typeof featureNames;

export const featureLabels: Record<FeatureName, string> = {
  recency_days: "Days since last purchase",
  frequency: "Purchases",
  monetary: "Net revenue",
  avg_order_value: "Average order value",
  tenure_days: "Days since first purchase",
  categories: "Categories bought",
  opens_30: "Email opens (30 days)",
  opens_90: "Email opens (90 days)",
  clicks_30: "Email clicks (30 days)",
  clicks_90: "Email clicks (90 days)",
  first_purchase_at: "First purchase",
  last_purchase_at: "Last purchase",
  last_seen_at: "Last seen",
};

/** Features that are 0, not missing, for a customer without a features row. */
export const zeroDefaultFeatures: ReadonlySet<string> = new Set([
  "frequency",
  "monetary",
  "categories",
  "opens_30",
  "opens_90",
  "clicks_30",
  "clicks_90",
]);

export const featureConditionSchema = z.object({
  kind: z.literal("feature"),
  feature: z.enum(Object.keys(featureNames) as [FeatureName, ...FeatureName[]]),
  ...comparisonFields(numberOps, dateOps),
});
export type FeatureCondition = z.infer<typeof featureConditionSchema>;

export const featureKind = defineConditionKind(featureConditionSchema, {
  label: "Customer feature",
  description: "A computed customer feature (purchases, revenue, days since last purchase, email opens …) compared with a value.",
  defaults: { kind: "feature", feature: "frequency", op: "gte", value: 3 },
  describe: (c) => `${featureLabels[c.feature] ?? c.feature} ${opText[c.op] ?? c.op}${describeValue(c.op, c.value, c.value2, c.unit)}`,
});
