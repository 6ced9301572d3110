import { z } from "zod";

export const modelKinds = ["clv", "churn", "propensity", "recommendations"] as const;
export type ModelKind = (typeof modelKinds)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Write dates as YYYY-MM-DD.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Not a calendar date.");

/** What a training run is asked to do (model_runs.window). Dates are whole days in the installation's time zone, inclusive. */
export const modelWindowSchema = z.object({
  /**
   * clv: the date scores are computed as of (default: the last purchase date).
   * churn/propensity/recommendations: the validation split — trained on what happened before it,
   * validated on the `horizonDays` after it (default: the last purchase date minus the horizon).
   */
  cutoff: isoDate.optional(),
  /** clv: the end of the calibration period for the holdout check (default: the cutoff minus 180 days). */
  calibrationEnd: isoDate.optional(),
  /** churn/propensity: the label window after a cutoff. */
  horizonDays: z.number().int().min(7).max(730).default(90),
  /** clv: the value horizon in months and the monthly discount rate. */
  months: z.number().int().min(1).max(120).default(12),
  monthlyDiscountRate: z.number().min(0).max(1).default(0.01),
  /** propensity: buying in this product category only. */
  category: z.string().min(1).max(200).optional(),
});
/** customer_propensities.category of a propensity model: its category, or the empty string for any product. */
export const propensityKey = (category: string | null | undefined): string => category ?? "";
/** The category of a customer_propensities key (null: any product). */
export const categoryOfPropensityKey = (key: string): string | null => (key === "" ? null : key);

export type ModelWindowInput = z.input<typeof modelWindowSchema>;
export type ModelWindow = z.output<typeof modelWindowSchema>;

export const startModelRunSchema = z.object({
  kind: z.enum(modelKinds),
  window: modelWindowSchema.default({ horizonDays: 90, months: 12, monthlyDiscountRate: 0.01 }),
});
