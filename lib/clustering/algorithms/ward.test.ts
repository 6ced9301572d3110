import { describe, expect, it } from "vitest";
import { pythonHas, runPython } from "../../../test/python-reference";
import { fromRows } from "./matrix";
import { createRandom } from "./random";
import { cutTree, ward } from "./ward";

const hasScipy = pythonHas("scipy.cluster.hierarchy");

describe("ward", () => {
  it("merges in the order and at the heights worked out by hand (scipy's convention)", () => {
    // 1-D points 0, 1, 5, 6, 20: {0,1} and {5,6} at 1; then them at √(2·2·2/4)·5; then 20 at √(2·4·1/5)·17.
    const { merges } = ward(fromRows([[0], [1], [5], [6], [20]]));
    expect(merges.map((m) => [m.a, m.b, m.size])).toEqual([
      [0, 1, 2],
      [2, 3, 2],
      [5, 6, 4],
      [4, 7, 5],
    ]);
    expect(merges.map((m) => m.height)).toEqual([1, 1, Math.sqrt(2) * 5, Math.sqrt(8 / 5) * 17].map((h) => expect.closeTo(h, 12)));
  });

  it("cuts at a number of clusters or at a height", () => {
    const { merges } = ward(fromRows([[0], [1], [5], [6], [20]]));
    expect(Array.from(cutTree(merges, 5, { k: 2 }))).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(cutTree(merges, 5, { k: 5 }))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(cutTree(merges, 5, { height: 5 }))).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(cutTree(merges, 5, { height: 100 }))).toEqual([0, 0, 0, 0, 0]);
    expect(() => cutTree(merges, 5, { k: 6 })).toThrow(/between 1 and 5/);
  });

  it.skipIf(!hasScipy)(
    "gives scipy's linkage(X, 'ward') on random data",
    () => {
      const random = createRandom(12);
      const rows = Array.from({ length: 120 }, () => [random() * 10, random() * 10, random() * 3]);
      const ours = ward(fromRows(rows)).merges;
      const script =
        "import json,sys;import numpy as np;from scipy.cluster.hierarchy import linkage;print(json.dumps(linkage(np.array(json.load(sys.stdin)),'ward').tolist()))";
      const ref = runPython<number[][]>(script, rows);
      expect(ours.map((m) => [m.a, m.b, m.size])).toEqual(ref.map((r) => [r[0], r[1], r[3]]));
      ours.forEach((m, i) => expect(m.height).toBeCloseTo(ref[i]![2]!, 9));
    },
    60_000,
  );
});
