import { describe, expect, it } from "vitest";
import { elbow, suggestK, type ElbowRow } from "./elbow";
import { ClusteringInputError, fromRows } from "./matrix";
import { sampleRows } from "./random";
import { silhouette, silhouetteAsync } from "./silhouette";

describe("silhouette", () => {
  it("matches the hand computation (a singleton counts 0)", () => {
    // 1-D: cluster 0 = {0, 1}, cluster 1 = {4}. s(0) = (4 − 1)/4, s(1) = (3 − 1)/3, s(4) = 0.
    const r = silhouette(fromRows([[0], [1], [4]]), Int32Array.from([0, 0, 1]));
    expect(r.score).toBeCloseTo((0.75 + 2 / 3 + 0) / 3, 12);
    expect(r).toMatchObject({ sampled: false, sampleSize: 3 });
  });

  it("is 1-ish for far groups and negative for swapped labels", () => {
    const m = fromRows([
      [0, 0],
      [0, 1],
      [100, 0],
      [100, 1],
    ]);
    expect(silhouette(m, Int32Array.from([0, 0, 1, 1])).score).toBeGreaterThan(0.98);
    expect(silhouette(m, Int32Array.from([0, 1, 0, 1])).score).toBeLessThan(0);
  });

  it("uses a seeded sample above the sample size, and says so", () => {
    const rows = Array.from({ length: 300 }, (_, i) => [i % 2 ? 50 + (i % 7) : i % 5]);
    const labels = Int32Array.from(rows, (_, i) => i % 2);
    const a = silhouette(fromRows(rows), labels, { sampleSize: 100, seed: 3 });
    expect(a).toMatchObject({ sampled: true, sampleSize: 100 });
    expect(silhouette(fromRows(rows), labels, { sampleSize: 100, seed: 3 }).score).toBe(a.score);
    expect(Math.abs(a.score - silhouette(fromRows(rows), labels).score)).toBeLessThan(0.05);
  });

  it("silhouetteAsync on worker threads gives the in-thread score", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [(i % 3) * 5 + ((i * 7919) % 13) / 4, ((i * 104729) % 17) / 5]);
    const labels = Int32Array.from(rows, (_, i) => i % 3);
    const sync = silhouette(fromRows(rows), labels);
    const threaded = await silhouetteAsync(fromRows(rows), labels, { threads: 2 });
    expect(threaded).toEqual(sync);
    expect(sync.score).toBeGreaterThan(0.5);
  });

  it("needs at least two clusters", () => {
    expect(() => silhouette(fromRows([[0], [1]]), Int32Array.from([0, 0]))).toThrow(ClusteringInputError);
  });
});

describe("sampleRows", () => {
  it("draws distinct sorted indices, the same for a seed; all rows when the sample is larger", () => {
    const s = sampleRows(1000, 100, 4);
    expect(new Set(s).size).toBe(100);
    expect(Array.from(s)).toEqual([...s].sort((a, b) => a - b));
    expect(s.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(sampleRows(1000, 100, 4)).toEqual(s);
    expect(sampleRows(1000, 100, 5)).not.toEqual(s);
    expect(Array.from(sampleRows(3, 10, 1))).toEqual([0, 1, 2]);
  });
});

describe("elbow and suggestK", () => {
  it("finds k = 3 on three separated groups, with inertia falling as k grows", async () => {
    const rows = [0, 20, 40].flatMap((c) => Array.from({ length: 30 }, (_, i) => [c + (i % 5) * 0.3, (i % 6) * 0.25]));
    const progress: number[] = [];
    const e = await elbow(fromRows(rows), { kMin: 2, kMax: 6, seed: 1, nInit: 3, onProgress: (f) => progress.push(f) });
    expect(e.map((r) => r.k)).toEqual([2, 3, 4, 5, 6]);
    for (let i = 1; i < e.length; i++) expect(e[i]!.inertia).toBeLessThanOrEqual(e[i - 1]!.inertia);
    expect(suggestK(e)).toBe(3);
    expect(e.every((r) => !r.sampled)).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it("suggestK: best silhouette; a tie within 0.01 goes to the sharper elbow", () => {
    const row = (k: number, inertia: number, s: number): ElbowRow => ({ k, inertia, silhouette: s, sampled: false });
    expect(suggestK([row(2, 100, 0.5), row(3, 60, 0.7), row(4, 50, 0.6)])).toBe(3);
    // k = 4 and 5 tie on silhouette; the inertia curve bends most at 4.
    expect(suggestK([row(3, 100, 0.4), row(4, 40, 0.605), row(5, 35, 0.61), row(6, 31, 0.3)])).toBe(4);
  });

  it("refuses a population too small for the k range", async () => {
    await expect(elbow(fromRows([[0], [1]]), { seed: 0 })).rejects.toThrow(/too small/);
  });
});
