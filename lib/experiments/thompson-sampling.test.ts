import { describe, expect, it } from "vitest";
import { createRandom } from "../clustering/algorithms/random";
import { chooseArm, createBetaSampler, splitByAllocation, thompsonAllocation, type ArmRecord } from "./thompson-sampling";

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
});
