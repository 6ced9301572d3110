import { z } from "zod";

/** Client-safe: the campaign form, the API, the sender and the report share these. */
export const experimentModes = ["test", "bandit"] as const;
export type ExperimentMode = (typeof experimentModes)[number];
export const experimentDimensions = ["subject", "preheader", "content", "sender_name"] as const;
export type ExperimentDimension = (typeof experimentDimensions)[number];
export const experimentMetrics = ["open", "click"] as const;
export type ExperimentMetric = (typeof experimentMetrics)[number];
export const winnerMethods = ["fixed", "sequential"] as const;
export type WinnerMethod = (typeof winnerMethods)[number];
export const experimentStatuses = ["testing", "decided", "cancelled"] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];

/** The ledger's variant of the holdout group. */
export const HOLDOUT = "holdout";
export const variantKeys = ["A", "B", "C", "D"] as const;

export const dimensionLabels: Record<ExperimentDimension, string> = {
  subject: "Subject",
  preheader: "Preheader",
  content: "Content (template)",
  sender_name: "Sender name",
};
export const metricLabels: Record<ExperimentMetric, string> = { open: "open rate", click: "click rate" };

export const experimentVariantSchema = z.object({
  key: z.enum(variantKeys),
  /** Liquid, as the campaign's own subject. */
  subject: z.string().max(998).nullish(),
  preheader: z.string().max(998).nullish(),
  templateId: z.string().min(1).nullish(),
  /** Pinned when the campaign is scheduled (content variants). */
  templateVersionId: z.string().min(1).nullish(),
  senderName: z.string().trim().max(200).nullish(),
});
export type ExperimentVariant = z.output<typeof experimentVariantSchema>;

const fieldOf: Record<ExperimentDimension, "subject" | "preheader" | "templateId" | "senderName"> = {
  subject: "subject",
  preheader: "preheader",
  content: "templateId",
  sender_name: "senderName",
};

/** What a variant changes, in the variant's own words (its subject, its template id, …). */
export function variantValue(
  dimension: ExperimentDimension,
  v: Pick<ExperimentVariant, "subject" | "preheader" | "templateId" | "senderName">,
) {
  return (v[fieldOf[dimension]] ?? "").trim();
}

export const experimentInputSchema = z
  .object({
    mode: z.enum(experimentModes).default("test"),
    dimension: z.enum(experimentDimensions),
    metric: z.enum(experimentMetrics).default("click"),
    variants: z.array(experimentVariantSchema).min(2, { error: "An experiment needs at least two variants." }).max(4),
    /** Test mode: the share of the mailable audience in the test portion. Bandit: the share of each wave. */
    testPercent: z.number().int().min(2, { error: "Test at least 2 % of the audience." }).max(100),
    holdoutPercent: z.number().int().min(0).max(50, { error: "Hold out at most 50 % of the audience." }).default(0),
    method: z.enum(winnerMethods).default("fixed"),
    alpha: z.number().min(0.001).max(0.2).default(0.05),
    /** The mSPRT's mixing scale: the difference in rate one expects (0.02 = 2 points), set up front. */
    tau: z.number().min(0.001).max(0.5).default(0.02),
    /** Test: decide this many minutes after the test starts sending (the deadline). Bandit: minutes between waves. */
    waitMinutes: z
      .number()
      .int()
      .min(1, { error: "Wait at least a minute." })
      .max(7 * 24 * 60, { error: "Decide within a week." }),
  })
  .refine((e) => e.testPercent + e.holdoutPercent <= 100, {
    path: ["testPercent"],
    error: "The test portion and the holdout together cannot exceed 100 % of the audience.",
  })
  .refine((e) => e.variants.every((v, i) => v.key === variantKeys[i]), {
    path: ["variants"],
    error: "Variants are lettered A, B, C, D in order.",
  })
  .refine((e) => e.variants.slice(1).every((v) => variantValue(e.dimension, v) !== ""), {
    path: ["variants"],
    error: "Give every variant after A its own value (A may keep the campaign's).",
  })
  .refine((e) => new Set(e.variants.map((v) => variantValue(e.dimension, v))).size === e.variants.length, {
    path: ["variants"],
    error: "Two variants are the same: make each one different.",
  });

export type ExperimentInput = z.input<typeof experimentInputSchema>;
export type ExperimentValues = z.output<typeof experimentInputSchema>;
