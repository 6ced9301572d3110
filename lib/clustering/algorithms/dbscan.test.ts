import { describe, expect, it } from "vitest";
import { pythonHas, runPython } from "../../../test/python-reference";
import { assignNearest, assignToCorePoints, assignToCorePointsAsync } from "./assign";
import { dbscan, dbscanAsync, kDistances, kDistancesAsync } from "./dbscan";
import { ClusteringInputError, fromRows, squaredDistance } from "./matrix";
import { createRandom } from "./random";

const hasSklearn = pythonHas("sklearn.cluster");

// Two 3×3 grids (spacing 1) far apart, a border point next to the middle of one grid's right edge, an outlier.
const grid = (x0: number, y0: number) => Array.from({ length: 9 }, (_, i) => [x0 + (i % 3), y0 + Math.floor(i / 3)]);
const rows = [...grid(0, 0), ...grid(10, 0), [3, 1], [50, 50]];
const m = fromRows(rows);

describe("dbscan", () => {
  it("finds the two grids, the border point in the first, the outlier as noise", () => {
    // eps 1.1: grid points have 3–5 points within eps (themselves included); minPts 3 makes all 18 core.
    const r = dbscan(m, { eps: 1.1, minPts: 3 });
    expect(Array.from(r.labels)).toEqual([...Array(9).fill(0), ...Array(9).fill(1), 0, -1]);
    expect(Array.from(r.core)).toEqual([...Array(18).fill(1), 0, 0]);
  });

  it("with a larger minPts only grid centres and edges are core; corners stay in their cluster as border points", () => {
    const r = dbscan(m, { eps: 1.1, minPts: 4 });
    expect(Array.from(r.core.subarray(0, 9))).toEqual([0, 1, 0, 1, 1, 1, 0, 1, 0]);
    expect(Array.from(r.labels.subarray(0, 9))).toEqual(Array(9).fill(0));
    expect(r.core[18]).toBe(0);
    expect(r.labels[18]).toBe(0); // border: its neighbour (2, 1) is core
    expect(Array.from(dbscan(m, { eps: 0.5, minPts: 2 }).labels)).toEqual(Array(20).fill(-1));
  });

  it("k-distances: each point's distance to its k-th nearest (itself counted), sorted", () => {
    const d = kDistances(fromRows([[0], [1], [2], [3], [10]]), 2);
    expect(Array.from(d)).toEqual([1, 1, 1, 1, 7]);
  });

  it("on worker threads: the same labels, core points and k-distances as in-thread", async () => {
    const random = createRandom(4);
    const pts = fromRows(Array.from({ length: 1500 }, (_, i) => [(i % 3) * 4 + random(), random() * 2, random()]));
    const sync = dbscan(pts, { eps: 0.3, minPts: 6 });
    expect(new Set(sync.labels).size).toBeGreaterThan(2);
    expect(await dbscanAsync(pts, { eps: 0.3, minPts: 6, threads: 2 })).toEqual(sync);
    expect(await kDistancesAsync(pts, 6, { threads: 2 })).toEqual(kDistances(pts, 6));
  }, 60_000);

  it.skipIf(!hasSklearn)(
    "agrees with scikit-learn's DBSCAN on random data (core points, their clusters, noise)",
    () => {
      const random = createRandom(9);
      const rows = Array.from({ length: 600 }, (_, i) => [(i % 4) * 3 + random() * 1.5, random() * 1.5]);
      const ours = dbscan(fromRows(rows), { eps: 0.25, minPts: 5 });
      const script =
        "import json,sys;import numpy as np;from sklearn.cluster import DBSCAN;d=DBSCAN(eps=0.25,min_samples=5).fit(np.array(json.load(sys.stdin)));print(json.dumps({'labels':d.labels_.tolist(),'core':d.core_sample_indices_.tolist()}))";
      const ref = runPython<{ labels: number[]; core: number[] }>(script, rows);
      expect([...ours.core.keys()].filter((i) => ours.core[i])).toEqual(ref.core);
      for (const i of ref.core) expect(ours.labels[i]).toBe(ref.labels[i]);
      rows.forEach((_, i) => expect(ours.labels[i] === -1).toBe(ref.labels[i] === -1));
    },
    60_000,
  );

  it("rejects eps or minPts out of range", () => {
    expect(() => dbscan(m, { eps: 0, minPts: 3 })).toThrow(ClusteringInputError);
    expect(() => dbscan(m, { eps: 1, minPts: 0 })).toThrow(/minPts/);
    expect(() => kDistances(m, 100)).toThrow(/between 1 and the sample size/);
  });
});

describe("assigning the rest of the population", () => {
  it("assignNearest picks the nearest centre", () => {
    const labels = assignNearest(
      fromRows([
        [0, 0],
        [9, 9],
        [4, 4],
        [6, 5],
      ]),
      fromRows([
        [0, 0],
        [10, 10],
      ]),
    );
    expect(Array.from(labels)).toEqual([0, 1, 0, 1]);
  });

  it("assignToCorePoints: the cluster of the nearest core point within eps, else noise", () => {
    const fit = dbscan(m, { eps: 1.1, minPts: 4 });
    const points = fromRows([
      [1, 1.5],
      [12.5, 1],
      [3.9, 1],
      [30, 30],
    ]);
    // (3.9, 1) is within eps of the border point (3, 1) only, not of a core point.
    expect(Array.from(assignToCorePoints(points, m, fit, 1.1))).toEqual([0, 1, -1, -1]);
  });

  it("assignToCorePoints (k-d tree) gives the brute-force answer on random data, in chunks too", async () => {
    const random = createRandom(21);
    const sample = fromRows(Array.from({ length: 800 }, (_, i) => [(i % 5) * 2 + random(), random(), random() * 0.5]));
    const fit = dbscan(sample, { eps: 0.2, minPts: 4 });
    const points = fromRows(Array.from({ length: 3000 }, () => [random() * 10, random() * 1.2, random() * 0.6]));
    const cores = [...fit.core.keys()].filter((i) => fit.core[i]);
    const brute = Int32Array.from({ length: points.rows }, (_, i) => {
      let best = -1;
      let bestD = 0.2 * 0.2;
      for (const c of cores) {
        const v = squaredDistance(points.data, i, sample.data, c, 3);
        if (v < bestD || (v === bestD && best === -1)) [best, bestD] = [c, v];
      }
      return best < 0 ? -1 : fit.labels[best]!;
    });
    const tree = assignToCorePoints(points, sample, fit, 0.2);
    expect(tree).toEqual(brute);
    expect(new Set(tree).size).toBeGreaterThan(2);
    expect(await assignToCorePointsAsync(points, sample, fit, 0.2, { chunkRows: 700 })).toEqual(brute);
  });
});
