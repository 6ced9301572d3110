import { sequentialTest } from "./sequential-test";
import { twoProportionTest } from "./two-proportion-test";
import { welchTTest } from "./welch-t-test";

export interface VariantResult {
  id: string;
  successes: number;
  trials: number;
  /**
   * A mean metric (revenue per recipient): the mean and (n − 1) variance over the `trials`
   * recipients. When every variant has one, variants are compared on it with Welch's t.
   */
  mean?: number;
  variance?: number;
}

/** How a test picks its winner, fixed before it starts. */
export type WinnerRule =
  | { method: "fixed"; alpha: number; samplePerVariant?: number; deadline?: Date }
  | { method: "sequential"; alpha: number; tau: number; deadline?: Date };

export interface Comparison {
  againstId: string;
  pValue: number;
  significant: boolean;
}

export interface WinnerDecision {
  /** continue: keep testing; winner: the best is significantly better; inconclusive: horizon reached with no clear winner. */
  status: "continue" | "winner" | "inconclusive";
  /** The variant the rest of the audience gets (the control, the first, when inconclusive). */
  winnerId: string | null;
  /** The best variant so far and its comparisons with every other. */
  leaderId: string;
  comparisons: Comparison[];
  reason: string;
}

/**
 * Decides an A/B/n test on one rate. The leader (highest rate) must beat every other variant at
 * α/(k−1) (Bonferroni). With the fixed method nothing is decided before the horizon (a sample per
 * variant or a deadline) — a plain p-value looked at early would inflate false positives. With the
 * sequential method (mSPRT) it may stop at any look; the always-valid p-values of the previous look
 * are passed in to keep them monotone. Means (revenue per recipient) are compared with Welch's t, at
 * a fixed horizon only.
 */
export function decideWinner(opts: {
  variants: VariantResult[];
  rule: WinnerRule;
  now: Date;
  previousPValues?: Record<string, number>;
}): WinnerDecision {
  const { variants, rule } = opts;
  if (variants.length < 2) throw new Error("an experiment needs at least two variants");
  const means = variants.every((v) => v.mean !== undefined);
  if (means && rule.method === "sequential")
    throw new Error("the sequential test decides rates only; means are decided at a fixed horizon");
  const rate = (v: VariantResult) => (means ? v.mean! : v.trials ? v.successes / v.trials : 0);
  const leader = variants.reduce((best, v) => (rate(v) > rate(best) ? v : best), variants[0]!);
  const level = rule.alpha / (variants.length - 1);
  const pastDeadline = rule.deadline !== undefined && opts.now >= rule.deadline;
  // Welch's t needs two recipients per variant; a rate, one.
  const empty = variants.some((v) => v.trials < (means ? 2 : 1));
  const comparisons: Comparison[] = empty
    ? []
    : variants
        .filter((v) => v.id !== leader.id)
        .map((v) => {
          const pValue =
            rule.method === "fixed"
              ? means
                ? welchTTest(summaryOf(v), summaryOf(leader)).pValue
                : twoProportionTest(v, leader).pValue
              : sequentialTest({ a: v, b: leader, alpha: level, tau: rule.tau, previousPValue: opts.previousPValues?.[v.id] }).pValue;
          return { againstId: v.id, pValue, significant: pValue <= level && rate(leader) > rate(v) };
        });
  const allSignificant = !empty && comparisons.every((c) => c.significant);
  const control = variants[0]!.id;

  if (rule.method === "fixed") {
    const reachedSample = rule.samplePerVariant !== undefined && variants.every((v) => v.trials >= rule.samplePerVariant!);
    if (!reachedSample && !pastDeadline) {
      const least = Math.min(...variants.map((v) => v.trials));
      return {
        status: "continue",
        winnerId: null,
        leaderId: leader.id,
        comparisons,
        reason: rule.samplePerVariant
          ? `Waiting for the horizon: ${least} of ${rule.samplePerVariant} recipients in the smallest variant`
          : "Waiting for the deadline",
      };
    }
  } else if (!allSignificant && !pastDeadline) {
    return { status: "continue", winnerId: null, leaderId: leader.id, comparisons, reason: "No variant is ahead beyond chance yet" };
  }
  if (allSignificant)
    return { status: "winner", winnerId: leader.id, leaderId: leader.id, comparisons, reason: `${leader.id} beats every other variant` };
  return {
    status: "inconclusive",
    winnerId: control,
    leaderId: leader.id,
    comparisons,
    reason: `No significant difference at the horizon: the rest get the control (${control})`,
  };
}

const summaryOf = (v: VariantResult) => ({ n: v.trials, mean: v.mean ?? 0, variance: v.variance ?? 0 });
