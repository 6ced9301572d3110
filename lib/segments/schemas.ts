import { z } from "zod";

/**
 * The segment rule document: one schema shared by the builder UI, the API, the CLI, the compiler
 * and the workers. See docs/segments.md for examples.
 */

const text = z.string().max(500);
const eventType = z.string().min(1, "Choose an event").max(200);
const propertyKey = z.string().min(1, "Choose a property").max(200);

export const textOps = ["eq", "neq", "contains", "not_contains", "starts_with", "ends_with", "is_empty", "is_not_empty"] as const;
export const numberOps = ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty"] as const;
export const dateOps = ["before", "after", "between", "in_last", "not_in_last", "is_empty", "is_not_empty"] as const;
export const booleanOps = ["is_true", "is_false", "is_empty"] as const;
export const countOps = ["gte", "lte", "eq"] as const;

export const timeUnits = ["minutes", "hours", "days"] as const;
const amount = z.number().int().min(1).max(100_000);

/** Relative ("in the last N days", measured back from the reference date), absolute, or ever. */
export const windowSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ever") }),
  z.object({ type: z.literal("last"), amount, unit: z.enum(timeUnits) }),
  z.object({ type: z.literal("between"), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
]);
export type RuleWindow = z.infer<typeof windowSchema>;

export const propertyFilterSchema = z.object({
  key: propertyKey,
  op: z.enum(["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists", "not_exists"]),
  value: z.union([text, z.number()]).optional(),
});
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/** Profile columns, and custom attributes as attributes.<key>. */
export const profileFields = {
  email: "text",
  firstName: "text",
  lastName: "text",
  phone: "text",
  country: "text",
  city: "text",
  firstSeenAt: "date",
  lastSeenAt: "date",
  createdAt: "date",
} as const;
export type ProfileField = keyof typeof profileFields;

const valueField = { value: z.union([text, z.number(), z.boolean()]).optional(), value2: z.union([text, z.number()]).optional() };

export const attributeConditionSchema = z.object({
  kind: z.literal("attribute"),
  /** A profile column (email, country, …) or a custom attribute key. */
  field: z.string().min(1, "Choose an attribute").max(200),
  /** true when `field` is a key of the free-form attributes. */
  custom: z.boolean().default(false),
  valueType: z.enum(["text", "number", "date", "boolean"]),
  op: z.enum([...new Set([...textOps, ...numberOps, ...dateOps, ...booleanOps])] as [string, ...string[]]),
  ...valueField,
  unit: z.enum(timeUnits).optional(),
});

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

export const featureConditionSchema = z.object({
  kind: z.literal("feature"),
  feature: z.enum(Object.keys(featureNames) as [FeatureName, ...FeatureName[]]),
  op: z.enum([...new Set([...numberOps, ...dateOps])] as [string, ...string[]]),
  ...valueField,
  unit: z.enum(timeUnits).optional(),
});

export const rfmConditionSchema = z.object({
  kind: z.literal("rfm"),
  field: z.enum(["r", "f", "m", "segment", "code"]),
  op: z.enum(["eq", "neq", "gte", "lte", "in"]),
  value: z.union([z.number().int().min(1).max(5), text, z.array(text).max(20)]),
});

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

const stepSchema = z.object({ eventType, where: z.array(propertyFilterSchema).max(10).default([]) });

export const sequenceConditionSchema = z.object({
  kind: z.literal("sequence"),
  first: stepSchema,
  then: stepSchema,
  /** false: "did first and NOT then within …" (counted only once the time has passed). */
  thenDid: z.boolean().default(false),
  within: z.object({ amount, unit: z.enum(timeUnits) }),
  /** When the first step happened. */
  window: windowSchema.default({ type: "ever" }),
});

export const orderConditionSchema = z.object({
  kind: z.literal("order"),
  measure: z.enum(["count", "sum"]),
  op: z.enum(["gt", "gte", "lt", "lte", "eq"]),
  value: z.number().min(0).max(1e12),
  window: windowSchema.default({ type: "ever" }),
  /** Only orders with this product (SKU) or category. */
  sku: text.optional(),
  category: text.optional(),
});

export const segmentConditionSchema = z.object({
  kind: z.literal("segment"),
  segmentId: z.string().min(1, "Choose a segment").max(100),
  in: z.boolean().default(true),
});

export const consentPurposes = ["email_marketing", "personalization"] as const;
export const consentConditionSchema = z.object({
  kind: z.literal("consent"),
  purpose: z.enum(consentPurposes),
  allowed: z.boolean().default(true),
});

const finite = z.number().finite();
/** The stored preprocessing and centres of a clustering run (lib/clustering/runs), as a live condition applies them. */
export const liveClusterModelSchema = z.object({
  preprocess: z.object({
    columns: z
      .array(
        z.object({
          key: z.string().min(1).max(210),
          fill: finite.nullable(),
          log: z.boolean(),
          centre: finite,
          scale: finite.refine((x) => x !== 0, "scale must not be 0"),
        }),
      )
      .min(1)
      .max(30),
    pca: z.object({ mean: z.array(finite).max(30), components: z.array(z.array(finite).max(30)).max(10) }).nullable(),
  }),
  centres: z.array(z.array(finite).max(30)).min(1).max(100),
});

export const clusterConditionSchema = z.object({
  kind: z.literal("cluster"),
  runId: z.string().min(1, "Choose a clustering run").max(100),
  /** Cluster number as stored (0-based; −1 = DBSCAN noise). */
  cluster: z.number().int().min(-1).max(1000),
  /** false: the customers the run put in the cluster (a snapshot); true: nearest to its centre now, as features change. */
  live: z.boolean().default(false),
  /** Live: the run's preprocessing and centres, copied from the run when the condition is made. */
  model: liveClusterModelSchema.optional(),
  /** The cluster's name when the condition was made (display only). */
  label: z.string().max(200).optional(),
});

export const conditionSchema = z.discriminatedUnion("kind", [
  attributeConditionSchema,
  featureConditionSchema,
  rfmConditionSchema,
  eventConditionSchema,
  sequenceConditionSchema,
  orderConditionSchema,
  segmentConditionSchema,
  consentConditionSchema,
  clusterConditionSchema,
]);
export type Condition = z.infer<typeof conditionSchema>;
export type ConditionInput = z.input<typeof conditionSchema>;

export interface RuleGroup {
  type: "group";
  op: "and" | "or";
  /** true: the group matches customers it would otherwise not match. */
  not?: boolean;
  children: RuleNode[];
}
export type RuleNode = RuleGroup | ({ type: "condition" } & Condition);

const conditionVariants = [
  attributeConditionSchema,
  featureConditionSchema,
  rfmConditionSchema,
  eventConditionSchema,
  sequenceConditionSchema,
  orderConditionSchema,
  segmentConditionSchema,
  consentConditionSchema,
  clusterConditionSchema,
] as const;

const conditionNodeSchema = z.discriminatedUnion(
  "kind",
  conditionVariants.map((v) => v.extend({ type: z.literal("condition") })) as unknown as [
    typeof attributeConditionSchema,
    ...(typeof attributeConditionSchema)[],
  ],
);

const ruleGroupObject = z.object({
  type: z.literal("group"),
  op: z.enum(["and", "or"]),
  not: z.boolean().optional(),
  get children(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof ruleGroupObject, typeof conditionNodeSchema]>> {
    return z.array(z.discriminatedUnion("type", [ruleGroupObject, conditionNodeSchema])).max(50, "At most 50 conditions per group");
  },
});

export const ruleGroupSchema = ruleGroupObject as unknown as z.ZodType<RuleGroup, unknown>;

/** The whole rule document (the root is a group; an empty AND group matches everyone). */
export const segmentRulesSchema = ruleGroupSchema;
export type SegmentRules = RuleGroup;

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, "Give the segment a name").max(120),
  description: z.string().max(2000).default(""),
  rules: segmentRulesSchema,
});
export type SegmentInput = z.infer<typeof segmentInputSchema>;

export const previewInputSchema = z.object({
  rules: segmentRulesSchema,
  /** The segment being edited, so that cycles through it are refused. */
  segmentId: z.string().max(100).optional(),
  sampleSize: z.number().int().min(0).max(100).default(20),
});
