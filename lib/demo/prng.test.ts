import { describe, expect, it } from "vitest";
import { cumulate, hashSeed, Rng } from "./prng";

const draws = (rng: Rng, n: number, f: (r: Rng) => number): number[] => Array.from({ length: n }, () => f(rng));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("Rng (mulberry32)", () => {
  it("gives the published mulberry32 sequence, so the data cannot drift silently", () => {
    const rng = new Rng(42);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it("repeats for a seed and differs between seeds", () => {
    expect(draws(new Rng(7), 50, (r) => r.next())).toEqual(draws(new Rng(7), 50, (r) => r.next()));
    expect(draws(new Rng(7), 50, (r) => r.next())).not.toEqual(draws(new Rng(8), 50, (r) => r.next()));
  });

  it("mixes seeds order-sensitively and stably", () => {
    expect(hashSeed(42, 0, 1)).toBe(762514136);
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed(1, 2)).toBeGreaterThanOrEqual(0);
  });

  it("draws uniforms in [0, 1) and integers within bounds", () => {
    const rng = new Rng(1);
    const us = draws(rng, 100_000, (r) => r.next());
    expect(Math.min(...us)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...us)).toBeLessThan(1);
    expect(mean(us)).toBeCloseTo(0.5, 2);
    const ints = draws(rng, 10_000, (r) => r.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });

  it("has the intended distributions", () => {
    const rng = new Rng(2);
    expect(mean(draws(rng, 50_000, (r) => r.poisson(3)))).toBeCloseTo(3, 1);
    expect(mean(draws(rng, 50_000, (r) => r.poisson(80)))).toBeGreaterThan(79);
    expect(mean(draws(rng, 50_000, (r) => r.exponential(10)))).toBeGreaterThan(9.7);
    const logs = draws(rng, 50_000, (r) => r.logNormal(1, 1.2)).sort((a, b) => a - b);
    expect(logs[25_000]).toBeGreaterThan(Math.E * 0.95); // median e^mu
    expect(logs[25_000]).toBeLessThan(Math.E * 1.05);
    expect(mean(logs)).toBeGreaterThan(2 * Math.E); // heavy right tail: mean e^(mu + sigma²/2)
  });

  it("picks weighted indices in proportion to the weights", () => {
    const rng = new Rng(3);
    const counts = [0, 0, 0];
    const cumulative = cumulate([1, 2, 7]);
    for (let i = 0; i < 100_000; i += 1) counts[rng.weighted(cumulative)]! += 1;
    expect(counts.map((c) => Math.round(c / 10_000))).toEqual([1, 2, 7]);
  });
});
