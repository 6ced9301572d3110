import { z } from "zod";

/** Client-safe: the campaign form, the API, the sender and the report share these. */
export const experimentModes = ["test", "bandit"] as const;
export type ExperimentMode = (typeof experimentModes)[number];
export const experimentDimensions = ["subject", "preheader", "content", "sender_name", "send_time"] as const;
export type ExperimentDimension = (typeof experimentDimensions)[number];
export const experimentMetrics = ["open", "click", "conversion", "revenue"] as const;
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
  send_time: "Send time",
};
export const metricLabels: Record<ExperimentMetric, string> = {
  open: "open rate",
  click: "click rate",
  conversion: "conversion rate",
  revenue: "revenue per recipient",
};
/** Rates are proportions of recipients (two-proportion test); revenue per recipient is a mean (Welch's t). */
export function isMeanMetric(metric: ExperimentMetric): boolean {
  return metric === "revenue";
}

/**
 * Why a combination cannot be run (null when it can): the form shows these beside the disabled
 * choice, and the schema refuses them with the same words.
 */
export function sequentialRefusal(e: { metric: ExperimentMetric; dimension: ExperimentDimension }): string | null {
  if (e.metric === "revenue")
    return "Revenue per recipient is decided at a fixed horizon only: it is mostly zeros and a few large orders, so the normal approximation the sequential test needs at every look holds only with many buyers, and its expected difference would have to be set in money up front. Welch's t at the deadline has neither problem.";
  if (e.dimension === "send_time")
    return "Send times are decided at a fixed horizon only: at an early look the earlier send time has had hours more to be opened, and the sequential test would favour it. At the deadline every variant is measured over the same time after its own send.";
  return null;
}
export function banditRefusal(e: { dimension: ExperimentDimension }): string | null {
  if (e.dimension === "send_time")
    return "A bandit cannot learn a send time: its waves are sent one after another, each would wait up to a day for every variant's time, and the earlier time would always have had longer to be opened. Use an A/B test: the rest get the winning time.";
  return null;
}

/** A send time: HH:MM in each recipient's time zone (the local-hour schedule's), the next one after the campaign starts. */
export const sendTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export const experimentVariantSchema = z.object({
  key: z.enum(variantKeys),
  /** Liquid, as the campaign's own subject. */
  subject: z.string().max(998).nullish(),
  preheader: z.string().max(998).nullish(),
  templateId: z.string().min(1).nullish(),
  /** Pinned when the campaign is scheduled (content variants). */
  templateVersionId: z.string().min(1).nullish(),
  senderName: z.string().trim().max(200).nullish(),
  /** Send-time variants: HH:MM in each recipient's time zone; empty (usually A) = when the campaign starts. */
  sendTime: z
    .string()
    .trim()
    .regex(sendTimePattern, { error: "Give a send time as HH:MM, 24-hour (e.g. 09:00 or 18:30)." })
    .or(z.literal(""))
    .nullish(),
});
export type ExperimentVariant = z.output<typeof experimentVariantSchema>;

export const variantFieldOf = {
  subject: "subject",
  preheader: "preheader",
  content: "templateId",
  sender_name: "senderName",
  send_time: "sendTime",
} as const satisfies Record<ExperimentDimension, keyof ExperimentVariant>;

/** What a variant changes, in the variant's own words (its subject, its template id, …). */
export function variantValue(
  dimension: ExperimentDimension,
  v: Partial<Pick<ExperimentVariant, "subject" | "preheader" | "templateId" | "senderName" | "sendTime">>,
) {
  return (v[variantFieldOf[dimension]] ?? "").trim();
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
  .superRefine((e, ctx) => {
    const sequential = e.mode === "test" && e.method === "sequential" ? sequentialRefusal(e) : null;
    if (sequential) ctx.addIssue({ code: "custom", path: ["method"], message: sequential });
    const bandit = e.mode === "bandit" ? banditRefusal(e) : null;
    if (bandit) ctx.addIssue({ code: "custom", path: ["mode"], message: bandit });
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
