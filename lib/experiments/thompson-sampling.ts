import betaRandom from "@stdlib/random-base-beta";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { createRandom } from "../clustering/algorithms/random";
import { poolSummaries, type SampleSummary } from "./welch-t-test";

/** An arm's record so far: recipients who responded (opened, clicked, bought) and those who did not. */
export interface ArmRecord {
  successes: number;
  failures: number;
}

export type BetaSampler = (alpha: number, beta: number) => number;

/** A Beta sampler; seeded for reproducible simulations and tests. */
export function createBetaSampler(seed?: number): BetaSampler {
  const f = seed === undefined ? betaRandom.factory() : betaRandom.factory({ seed });
  return (alpha, beta) => f(alpha, beta);
}

/** Thompson sampling's choice for one recipient: draw each arm's rate from its Beta(1+s, 1+f) posterior, take the highest. */
export function chooseArm(arms: ArmRecord[], sample: BetaSampler): number {
  if (!arms.length) throw new Error("a bandit needs at least one arm");
  let best = 0;
  let bestDraw = -1;
  arms.forEach((arm, i) => {
    const draw = sample(1 + arm.successes, 1 + arm.failures);
    if (draw > bestDraw) {
      bestDraw = draw;
      best = i;
    }
  });
  return best;
}

/**
 * The allocation Thompson sampling gives each arm now: the posterior probability that it is the
 * best, estimated from `draws` joint draws. This is the share of the next recipients each arm gets,
 * recorded over time for the allocation chart.
 */
export function thompsonAllocation(arms: ArmRecord[], sample: BetaSampler, draws = 10_000): number[] {
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) wins[chooseArm(arms, sample)]!++;
  return wins.map((w) => w / draws);
}

export type NormalSampler = (mean: number, sd: number) => number;

/** A normal sampler (inversion of a seeded uniform); seeded for reproducible simulations and tests. */
export function createNormalSampler(seed?: number): NormalSampler {
  const random = createRandom(seed ?? Math.floor(Math.random() * 2 ** 31));
  return (mean, sd) => {
    const u = Math.min(1 - 2 ** -53, Math.max(2 ** -53, random()));
    return normalQuantile(u, mean, sd);
  };
}

/**
 * Thompson sampling on means (revenue per recipient): each arm's mean is drawn from its normal
 * posterior N(mean, s²/n) (flat prior, the normal approximation of the mean), and the allocation is
 * the share of `draws` joint draws each arm wins. s² is at least the variance of all arms pooled,
 * so that an arm nobody has bought from yet is not certain to be worth nothing and still gets
 * tried; while nobody bought anything the split stays even.
 */
export function thompsonAllocationMeans(arms: SampleSummary[], sample: NormalSampler, draws = 10_000): number[] {
  if (!arms.length) throw new Error("a bandit needs at least one arm");
  const { mean, variance: pooled } = poolSummaries(arms);
  if (!(pooled > 0)) return arms.map(() => 1 / arms.length);
  const sd = arms.map((a) => Math.sqrt(Math.max(a.variance, pooled) / Math.max(1, a.n)));
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestDraw = -Infinity;
    arms.forEach((a, i) => {
      const draw = sample(a.n ? a.mean : mean, sd[i]!);
      if (draw > bestDraw) {
        bestDraw = draw;
        best = i;
      }
    });
    wins[best]!++;
  }
  return wins.map((w) => w / draws);
}

/** Splits `count` recipients among the arms by allocation (largest remainders), for one batch of sends. */
export function splitByAllocation(count: number, allocation: number[]): number[] {
  const raw = allocation.map((p) => p * count);
  const out = raw.map(Math.floor);
  let left = count - out.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => ({ i, rest: r - Math.floor(r) })).sort((x, y) => y.rest - x.rest);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]!++;
  return out;
}
