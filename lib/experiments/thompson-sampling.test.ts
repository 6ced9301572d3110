import { describe, expect, it } from "vitest";
import { createRandom } from "../clustering/algorithms/random";
import {
  chooseArm,
  createBetaSampler,
  createNormalSampler,
  splitByAllocation,
  thompsonAllocation,
  thompsonAllocationMeans,
  type ArmRecord,
} from "./thompson-sampling";
import { summarize } from "./welch-t-test";

describe("Thompson sampling", () => {
  it("converges to the best arm on simulated responses, batch by batch", () => {
    const rates = [0.04, 0.05, 0.07, 0.045];
    const sample = createBetaSampler(1);
    const respond = createRandom(2);
    const arms: ArmRecord[] = rates.map(() => ({ successes: 0, failures: 0 }));
    const sent = rates.map(() => 0);
    const history: number[][] = [];
    for (let batch = 0; batch < 40; batch++) {
      const allocation = thompsonAllocation(arms, sample, 2000);
      history.push(allocation);
      splitByAllocation(500, allocation).forEach((count, i) => {
        for (let k = 0; k < count; k++) {
          sent[i]!++;
          if (respond() < rates[i]!) arms[i]!.successes++;
          else arms[i]!.failures++;
        }
      });
    }
    // Starts even, ends on the best arm.
    expect(history[0]!.every((p) => Math.abs(p - 0.25) < 0.05)).toBe(true);
    expect(history.at(-1)![2]).toBeGreaterThan(0.9);
    expect(sent[2]).toBe(Math.max(...sent));
    expect(sent[2]! / 20_000).toBeGreaterThan(0.5);
  });

  it("chooses by one posterior draw per arm, and splits a batch exactly", () => {
    const sample = createBetaSampler(9);
    const picks = [0, 0];
    for (let i = 0; i < 2000; i++)
      picks[
        chooseArm(
          [
            { successes: 5, failures: 95 },
            { successes: 30, failures: 70 },
          ],
          sample,
        )
      ]!++;
    expect(picks[1]).toBeGreaterThan(1990);
    expect(splitByAllocation(10, [0.33, 0.33, 0.34])).toEqual([3, 3, 4]);
    expect(splitByAllocation(7, [0.5, 0.5]).reduce((s, x) => s + x, 0)).toBe(7);
    expect(() => chooseArm([], sample)).toThrow(/at least one arm/);
  });

  it("on revenue per recipient (normal posteriors of the means) converges to the arm that earns most, not the one that sells most often", () => {
    // Arm 1 sells as often as arm 0 but bigger baskets; arm 2 sells more often but small ones.
    const arms = [
      { buyRate: 0.03, basket: 40 },
      { buyRate: 0.03, basket: 70 },
      { buyRate: 0.05, basket: 20 },
    ];
    const sample = createNormalSampler(4);
    const respond = createRandom(5);
    const revenue: number[][] = arms.map(() => []);
    const history: number[][] = [];
    for (let batch = 0; batch < 40; batch++) {
      const allocation = thompsonAllocationMeans(revenue.map(summarize), sample, 2000);
      history.push(allocation);
      splitByAllocation(500, allocation).forEach((count, i) => {
        for (let k = 0; k < count; k++)
          revenue[i]!.push(respond() < arms[i]!.buyRate ? Math.round(arms[i]!.basket * -Math.log(1 - respond()) * 100) / 100 : 0);
      });
    }
    expect(history[0]).toEqual([1 / 3, 1 / 3, 1 / 3]); // nobody has bought anything yet: even
    expect(history.at(-1)![1]).toBeGreaterThan(0.8);
    const sent = revenue.map((r) => r.length);
    expect(sent[1]).toBe(Math.max(...sent));
    expect(sent[1]! / 20_000).toBeGreaterThan(0.5);
  });

  it("keeps trying an arm nobody has bought from yet (its spread is at least the pooled variance)", () => {
    const sample = createNormalSampler(8);
    const shares = thompsonAllocationMeans(
      [summarize([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), summarize([0, 0, 0, 0, 0, 0, 0, 0, 0, 30])],
      sample,
      4000,
    );
    expect(shares[0]).toBeGreaterThan(0.1);
    expect(shares[1]).toBeGreaterThan(shares[0]!);
  });
});
