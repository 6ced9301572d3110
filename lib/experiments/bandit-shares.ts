import { successesOf, type VariantCounts } from "./count-variant-results";
import { isMeanMetric, type ExperimentMetric } from "./schemas";
import {
  createBetaSampler,
  createNormalSampler,
  thompsonAllocation,
  thompsonAllocationMeans,
  type BetaSampler,
  type NormalSampler,
} from "./thompson-sampling";

export interface BanditShares {
  /** Each arm's share of the people who come next (the posterior probability that it is the best). */
  shares: Record<string, number>;
  /** What the shares were computed from, per arm (stored with the wave). */
  arms: Record<string, { sent: number; successes: number; mean?: number }>;
  /** The arm with the largest share. */
  leader: string;
  /** The shares in the order of `keys`. */
  allocation: number[];
}

/**
 * Thompson sampling on an experiment's metric, for campaign waves and flow steps alike: Beta
 * posteriors of a rate (1 + responders, 1 + non-responders per arm), or for revenue per recipient
 * normal posteriors of the means (decision 135).
 */
export function banditShares(opts: {
  metric: ExperimentMetric;
  keys: string[];
  counts: VariantCounts[];
  sample?: BetaSampler;
  sampleNormal?: NormalSampler;
}): BanditShares {
  const mean = isMeanMetric(opts.metric);
  const arms = opts.keys.map((key) => {
    const c = opts.counts.find((x) => x.key === key);
    const successes = c ? successesOf(c, opts.metric) : 0;
    return { key, sent: c?.sent ?? 0, successes, revenue: c?.revenue ?? { n: 0, mean: 0, variance: 0 } };
  });
  const allocation = mean
    ? thompsonAllocationMeans(
        arms.map((a) => a.revenue),
        opts.sampleNormal ?? createNormalSampler(),
      )
    : thompsonAllocation(
        arms.map((a) => ({ successes: a.successes, failures: a.sent - a.successes })),
        opts.sample ?? createBetaSampler(),
      );
  return {
    shares: Object.fromEntries(opts.keys.map((k, i) => [k, allocation[i]!])),
    arms: Object.fromEntries(arms.map((a) => [a.key, { sent: a.sent, successes: a.successes, ...(mean ? { mean: a.revenue.mean } : {}) }])),
    leader: opts.keys[allocation.indexOf(Math.max(...allocation))]!,
    allocation,
  };
}
