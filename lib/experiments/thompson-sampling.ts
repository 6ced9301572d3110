import betaRandom from "@stdlib/random-base-beta";

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

/** Splits `count` recipients among the arms by allocation (largest remainders), for one batch of sends. */
export function splitByAllocation(count: number, allocation: number[]): number[] {
  const raw = allocation.map((p) => p * count);
  const out = raw.map(Math.floor);
  let left = count - out.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => ({ i, rest: r - Math.floor(r) })).sort((x, y) => y.rest - x.rest);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]!++;
  return out;
}
