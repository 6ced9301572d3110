import { z } from "zod";
import {
  banditRefusal,
  experimentVariantSchema,
  sequentialRefusal,
  variantKeys,
  variantValue,
  type ExperimentDimension,
  type ExperimentMetric,
} from "../../experiments/schemas";

/**
 * Client-safe. An experiment on a flow's send step: what varies, the variants (A is the step's own
 * message), the holdout share, the metric and how the winner is found. People who reach the step
 * are assigned as they come (docs/decisions/137).
 */
export const stepExperimentModes = ["test", "sequential", "bandit"] as const;
export type StepExperimentMode = (typeof stepExperimentModes)[number];
export const stepExperimentDimensions = [
  "subject",
  "preheader",
  "content",
  "sender_name",
  "send_time",
] as const satisfies readonly ExperimentDimension[];
export const stepExperimentMetrics = ["open", "click", "conversion", "revenue"] as const satisfies readonly ExperimentMetric[];

/** Why a mode cannot run this experiment (null when it can): the editor shows it beside the choice, the schema refuses with it. */
export function stepModeRefusal(e: { mode: StepExperimentMode; metric: ExperimentMetric; dimension: ExperimentDimension }): string | null {
  if (e.mode === "sequential") return sequentialRefusal(e);
  if (e.mode === "bandit") return banditRefusal(e);
  return null;
}

/** What each mode does, in a sentence (the editor shows it under the choice). */
export const stepExperimentModeHints: Record<StepExperimentMode, string> = {
  test: "A fixed sample per variant; after it (and the wait for its opens, clicks or purchases) everyone gets the winner.",
  sequential: "Checks every minute with a test that allows looking early; stops as soon as one variant is clearly best.",
  bandit: "Never stops learning: more and more people get the variant most likely to be best.",
};
export const stepExperimentModeLabels: Record<StepExperimentMode, string> = {
  test: "Sample, then the winner",
  sequential: "Sequential test",
  bandit: "Bandit",
};

export const stepExperimentSchema = z
  .object({
    mode: z.enum(stepExperimentModes).default("test"),
    dimension: z.enum(stepExperimentDimensions),
    metric: z.enum(stepExperimentMetrics).default("click"),
    variants: z
      .array(experimentVariantSchema.omit({ templateVersionId: true }))
      .min(2, { error: "An experiment needs at least two variants." })
      .max(4, { error: "At most four variants (A–D)." }),
    holdoutPercent: z.number().int().min(0).max(50, { error: "Hold out at most 50 % of the people." }).default(0),
    /** Test: recipients per variant before the winner is chosen. Sequential: the most per variant before it gives up (the control). */
    samplePerVariant: z
      .number()
      .int()
      .min(10, { error: "Test at least 10 people per variant." })
      .max(1_000_000, { error: "At most a million people per variant." })
      .default(500),
    /**
     * Test: minutes after the sample is sent before deciding (opens, clicks and purchases come in; a
     * send-time test counts only what each recipient did within this long after their own send).
     * Bandit: minutes between allocation updates.
     */
    waitMinutes: z
      .number()
      .int()
      .min(1, { error: "Wait at least a minute." })
      .max(7 * 24 * 60, { error: "Wait at most a week." })
      .default(240),
    alpha: z.number().min(0.001).max(0.2).default(0.05),
    /** The mSPRT's mixing scale: the difference in rate one expects (0.02 = 2 points), set up front. */
    tau: z.number().min(0.001).max(0.5).default(0.02),
  })
  .superRefine((e, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["variants"], message });
    const refusal = stepModeRefusal(e);
    if (refusal) ctx.addIssue({ code: "custom", path: ["mode"], message: refusal });
    if (!e.variants.every((v, i) => v.key === variantKeys[i])) issue("Variants are lettered A, B, C, D in order.");
    const values = e.variants.map((v) => variantValue(e.dimension, v));
    if (values.slice(1).some((v) => v === "")) issue("Give every variant after A its own value (A may keep the step's).");
    else if (new Set(values).size !== values.length) issue("Two variants are the same: make each one different.");
  });

export type StepExperiment = z.output<typeof stepExperimentSchema>;
export type StepExperimentInput = z.input<typeof stepExperimentSchema>;
