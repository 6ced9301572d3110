import { holdoutLift, type HoldoutLift } from "../../experiments/holdout-lift";
import { newcombeInterval, wilsonInterval } from "../../experiments/newcombe-interval";
import { twoProportionTest } from "../../experiments/two-proportion-test";

/** A variant's row in a send step's experiment report. */
export interface VariantRow {
  key: string;
  /** What the variant sends: its subject, preheader, template name or sender name. */
  value: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
  /** The metric's rate and its 95 % Wilson interval. */
  rate: number;
  lower: number;
  upper: number;
  /** Against the control (A): the difference in rate, its 95 % Newcombe interval and the two-proportion p-value. */
  vsControl: { difference: number; lower: number; upper: number; pValue: number } | null;
}

/** One variant's counts, with the successes of the experiment's metric. */
export type VariantFigures = Omit<VariantRow, "rate" | "lower" | "upper" | "vsControl"> & { successes: number };

/** The report's rows: each variant's rate with its Wilson interval, and every other variant against the control (the first). */
export function variantRows(figures: VariantFigures[]): VariantRow[] {
  const control = figures[0];
  return figures.map(({ successes, ...f }, i) => {
    const p = { successes, trials: f.sent };
    const interval = f.sent ? wilsonInterval(p) : { lower: 0, upper: 0 };
    let vsControl: VariantRow["vsControl"] = null;
    if (i > 0 && control && f.sent && control.sent) {
      const a = { successes: control.successes, trials: control.sent };
      const d = newcombeInterval(a, p);
      vsControl = { difference: d.difference, lower: d.lower, upper: d.upper, pValue: twoProportionTest(a, p).pValue };
    }
    return { ...f, rate: f.sent ? successes / f.sent : 0, lower: interval.lower, upper: interval.upper, vsControl };
  });
}

/** Conversion of everyone sent a variant against the holdout group, with Newcombe's interval (null without both). */
export function liftOverHoldout(
  figures: { sent: number; converted: number }[],
  holdout: { size: number; converted: number },
): HoldoutLift | null {
  const treated = figures.reduce((s, f) => ({ successes: s.successes + f.converted, trials: s.trials + f.sent }), {
    successes: 0,
    trials: 0,
  });
  return holdout.size && treated.trials ? holdoutLift({ treated, holdout: { successes: holdout.converted, trials: holdout.size } }) : null;
}
