import type { VariantCounts } from "./count-variant-results";
import { successesOf } from "./count-variant-results";
import { holdoutLift, type HoldoutLift } from "./holdout-lift";
import { newcombeInterval, wilsonInterval } from "./newcombe-interval";
import { isMeanMetric, type ExperimentMetric } from "./schemas";
import { twoProportionTest } from "./two-proportion-test";
import { meanInterval, poolSummaries, welchTTest, type SampleSummary } from "./welch-t-test";

/** A figure with its 95 % interval. */
export interface Estimate {
  value: number;
  lower: number;
  upper: number;
}

/** A difference against a reference (the control, or the holdout), its 95 % interval and p-value. */
export interface Difference {
  difference: number;
  lower: number;
  upper: number;
  pValue: number;
}

/** One variant's row in an experiment's report, a campaign's or a flow step's. */
export interface VariantRow {
  key: string;
  /** What the variant sends: its subject, preheader, template name, sender name or send time. */
  value: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
  /** The experiment's metric: a rate with Wilson's interval, or revenue per recipient with Student's t interval. */
  metric: Estimate;
  /** Bought within the attribution window after the send ÷ recipients sent (Wilson's interval). */
  conversion: Estimate;
  /** Revenue of those purchases ÷ recipients sent (t interval), and the total. */
  revenuePerRecipient: Estimate;
  revenue: number;
  /**
   * Against the control (A), on the metric: Newcombe's interval and the two-proportion p-value for
   * rates, Welch's interval and p-value for revenue per recipient.
   */
  vsControl: Difference | null;
}

/** The holdout group's figures beside the variants'. */
export interface HoldoutRow {
  size: number;
  converted: number;
  rate: number;
  revenuePerRecipient: number;
}

/** Revenue per recipient of everyone sent against the holdout's (Welch's interval), and relative to the holdout's. */
export type RevenueLift = Difference & { treated: number; holdout: number; relative: number | null };

/** What the variant table shows: the rows, the holdout, and the lifts over it. */
export interface VariantTable {
  variants: VariantRow[];
  holdout: HoldoutRow | null;
  /** Conversion (a purchase within the attribution window) of everyone sent against the holdout. */
  lift: HoldoutLift | null;
  revenueLift: RevenueLift | null;
}

const rateEstimate = (successes: number, trials: number): Estimate =>
  trials ? { value: successes / trials, ...wilsonInterval({ successes, trials }) } : { value: 0, lower: 0, upper: 0 };
const meanEstimate = (s: SampleSummary): Estimate => ({ value: s.mean, ...meanInterval(s) });

export const emptyCounts = (key: string): VariantCounts => ({
  key,
  sent: 0,
  opened: 0,
  clicked: 0,
  converted: 0,
  pending: 0,
  revenue: { n: 0, mean: 0, variance: 0 },
});

/**
 * The report's figures of an experiment, for campaigns and flow steps alike: each variant's rates
 * with Wilson's interval, its revenue per recipient with Student's t interval, every other variant
 * against the control (the first) on the metric (Newcombe or Welch), and the conversion and revenue
 * lifts of everyone sent over the holdout.
 */
export function variantTable(opts: {
  metric: ExperimentMetric;
  /** In the experiment's order (the control first), each with what it sends. */
  variants: { key: string; value: string }[];
  counts: VariantCounts[];
  holdout: { size: number; converted: number; revenue: SampleSummary };
}): VariantTable {
  const { metric } = opts;
  const mean = isMeanMetric(metric);
  const figures = opts.variants.map((v) => ({ v, n: opts.counts.find((x) => x.key === v.key) ?? emptyCounts(v.key) }));
  const control = figures[0]?.n;
  const variants = figures.map(({ v, n }, i): VariantRow => {
    const successes = successesOf(n, metric);
    let vsControl: Difference | null = null;
    if (i > 0 && control && mean && n.sent > 1 && control.sent > 1) {
      const w = welchTTest(control.revenue, n.revenue);
      vsControl = { difference: w.difference, lower: w.lower, upper: w.upper, pValue: w.pValue };
    } else if (i > 0 && control && !mean && n.sent && control.sent) {
      const a = { successes: successesOf(control, metric), trials: control.sent };
      const p = { successes, trials: n.sent };
      const d = newcombeInterval(a, p);
      vsControl = { difference: d.difference, lower: d.lower, upper: d.upper, pValue: twoProportionTest(a, p).pValue };
    }
    return {
      key: v.key,
      value: v.value,
      sent: n.sent,
      opened: n.opened,
      clicked: n.clicked,
      converted: n.converted,
      metric: mean ? meanEstimate(n.revenue) : rateEstimate(successes, n.sent),
      conversion: rateEstimate(n.converted, n.sent),
      revenuePerRecipient: meanEstimate(n.revenue),
      revenue: n.revenue.mean * n.revenue.n,
      vsControl,
    };
  });
  const treated = figures.reduce((s, f) => ({ successes: s.successes + f.n.converted, trials: s.trials + f.n.sent }), {
    successes: 0,
    trials: 0,
  });
  const treatedRevenue = poolSummaries(figures.map((f) => f.n.revenue));
  const h = opts.holdout;
  let revenueLift: RevenueLift | null = null;
  if (h.size > 1 && treatedRevenue.n > 1) {
    const w = welchTTest(h.revenue, treatedRevenue);
    revenueLift = {
      treated: treatedRevenue.mean,
      holdout: h.revenue.mean,
      difference: w.difference,
      lower: w.lower,
      upper: w.upper,
      pValue: w.pValue,
      relative: h.revenue.mean > 0 ? w.difference / h.revenue.mean : null,
    };
  }
  return {
    variants,
    holdout: h.size ? { size: h.size, converted: h.converted, rate: h.converted / h.size, revenuePerRecipient: h.revenue.mean } : null,
    lift: h.size && treated.trials ? holdoutLift({ treated, holdout: { successes: h.converted, trials: h.size } }) : null,
    revenueLift,
  };
}
