import { newcombeInterval } from "./newcombe-interval";
import { twoProportionTest, type Proportion } from "./two-proportion-test";

export interface HoldoutLift {
  treatedRate: number;
  holdoutRate: number;
  /** Treated rate − holdout rate (percentage points as a fraction). */
  absoluteLift: number;
  /** (treated − holdout) / holdout; null when the holdout converted nobody. */
  relativeLift: number | null;
  /** Conversions the message caused among the treated: absolute lift × treated recipients. */
  incrementalConversions: number;
  /** Newcombe interval of the absolute lift. */
  lower: number;
  upper: number;
  pValue: number;
}

/**
 * Incremental lift over a holdout group (people picked at random who got nothing): what the
 * message changed, beyond what they would have done anyway.
 */
export function holdoutLift(opts: { treated: Proportion; holdout: Proportion; confidence?: number }): HoldoutLift {
  const test = twoProportionTest(opts.holdout, opts.treated);
  const interval = newcombeInterval(opts.holdout, opts.treated, opts.confidence ?? 0.95);
  return {
    treatedRate: test.rateB,
    holdoutRate: test.rateA,
    absoluteLift: test.difference,
    relativeLift: test.rateA === 0 ? null : test.difference / test.rateA,
    incrementalConversions: test.difference * opts.treated.trials,
    lower: interval.lower,
    upper: interval.upper,
    pValue: test.pValue,
  };
}
