import { describe, expect, it } from "vitest";
import { pythonHas, runPython } from "../../../test/python-reference";
import { cutTruncatedTree, truncateTree } from "./dendrogram";
import { fromRows } from "./matrix";
import { createRandom } from "./random";
import { cutTree, ward } from "./ward";

const hasScipy = pythonHas("scipy.cluster.hierarchy");

function randomRows(n: number, seed: number): number[][] {
  const random = createRandom(seed);
  // Three loose blobs, so that the top of the tree has structure.
  return Array.from({ length: n }, (_, i) => [(i % 3) * 4 + random() * 3, (i % 3 === 1 ? 5 : 0) + random() * 3, random()]);
}

describe("truncateTree and cutTruncatedTree", () => {
  it("keeps the last merges over leaves that stand for groups (worked out by hand)", () => {
    // 1-D points 0, 1, 5, 6, 20: {0,1} and {5,6} at 1, them at √2·5, then 20 at √(8/5)·17.
    const { merges } = ward(fromRows([[0], [1], [5], [6], [20]]));
    const tree = truncateTree(merges, 5, 3);
    expect(tree.rows).toBe(5);
    // Drawing order: the root's a (point 20) first, then {0,1} and {5,6}.
    expect(tree.leaves).toEqual([
      { size: 1, firstRow: 4, height: 0 },
      { size: 2, firstRow: 0, height: 1 },
      { size: 2, firstRow: 2, height: 1 },
    ]);
    expect(tree.merges.map((m) => [m.a, m.b, m.size])).toEqual([
      [1, 2, 4],
      [0, 3, 5],
    ]);
    const cut = cutTruncatedTree(tree, { by: "k", k: 2 });
    expect(cut).toMatchObject({ ok: true, k: 2, leafCluster: [1, 0, 0], mergeCluster: [0, -1], sizes: [4, 1] });
    // The line sits midway between the last merge kept below it and the first one above.
    expect(cut.ok && cut.height).toBeCloseTo((Math.sqrt(2) * 5 + Math.sqrt(8 / 5) * 17) / 2, 12);
    expect(cutTruncatedTree(tree, { by: "height", height: 2 })).toMatchObject({
      ok: true,
      k: 3,
      height: 2,
      leafCluster: [2, 0, 1],
      mergeCluster: [-1, -1],
    });
  });

  it("gives the same clusters, numbered the same, as cutting the full tree", () => {
    const n = 300;
    const { merges } = ward(fromRows(randomRows(n, 3)));
    const tree = truncateTree(merges, n, 40);
    expect(tree.leaves).toHaveLength(40);
    expect(tree.merges).toHaveLength(39);
    expect(tree.leaves.reduce((s, l) => s + l.size, 0)).toBe(n);
    // Each row's leaf: the 40 clusters of the full tree are the leaves (matched by their first row).
    const forty = cutTree(merges, n, { k: 40 });
    const firstRowOf = new Map<number, number>();
    for (let i = 0; i < n; i++) if (!firstRowOf.has(forty[i]!)) firstRowOf.set(forty[i]!, i);
    const leafOfRow = Array.from(forty, (c) => tree.leaves.findIndex((l) => l.firstRow === firstRowOf.get(c)));
    expect(leafOfRow.every((l) => l >= 0)).toBe(true);
    const check = (cut: { by: "k"; k: number } | { by: "height"; height: number }) => {
      const got = cutTruncatedTree(tree, cut);
      if (!got.ok) throw new Error(got.message);
      const full = cutTree(merges, n, cut.by === "k" ? { k: cut.k } : { height: cut.height });
      expect(leafOfRow.map((l) => got.leafCluster[l])).toEqual(Array.from(full));
      // The line's height cuts the full tree the same way.
      expect(Array.from(cutTree(merges, n, { height: got.height }))).toEqual(Array.from(full));
      return got;
    };
    for (let k = 2; k <= 30; k++) expect(check({ by: "k", k }).k).toBe(k);
    for (const i of [15, 25, 37]) check({ by: "height", height: (tree.merges[i]!.height + tree.merges[i + 1]!.height) / 2 });
  });

  it("says why a cut cannot be used", () => {
    const n = 300;
    const { merges } = ward(fromRows(randomRows(n, 4)));
    const tree = truncateTree(merges, n, 40);
    const top = tree.merges.at(-1)!.height;
    expect(cutTruncatedTree(tree, { by: "k", k: 1 })).toEqual({
      ok: false,
      message: "The number of clusters must be a whole number from 2 to 30.",
    });
    expect(cutTruncatedTree(tree, { by: "k", k: 31 })).toMatchObject({ ok: false });
    expect(cutTruncatedTree(tree, { by: "height", height: 0 })).toEqual({ ok: false, message: "The cut height must be more than 0." });
    expect(cutTruncatedTree(tree, { by: "height", height: top })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/everyone is in one cluster: cut below/),
    });
    const low = cutTruncatedTree(tree, { by: "height", height: tree.merges[0]!.height / 2 });
    expect(low).toMatchObject({ ok: false, message: expect.stringMatching(/more than 30 clusters: cut at/) });
    // The height it names gives 30 clusters.
    const named = Number(/cut at ([0-9.]+) or higher/.exec(low.ok ? "" : low.message)![1]);
    expect(cutTruncatedTree(tree, { by: "height", height: tree.merges[9]!.height })).toMatchObject({ ok: true, k: 30 });
    expect(named).toBeCloseTo(tree.merges[9]!.height, 2);
  });

  it.skipIf(!hasScipy)(
    "draws the leaves scipy's dendrogram(truncate_mode='lastp') draws, in its order",
    () => {
      const rows = randomRows(200, 5);
      const { merges } = ward(fromRows(rows));
      const tree = truncateTree(merges, 200, 30);
      const script =
        "import json,sys;import numpy as np;from scipy.cluster.hierarchy import linkage,dendrogram;" +
        "d=dendrogram(linkage(np.array(json.load(sys.stdin)),'ward'),truncate_mode='lastp',p=30,no_plot=True);print(json.dumps(d['ivl']))";
      const ivl = runPython<string[]>(script, rows);
      expect(tree.leaves.map((l) => (l.size === 1 ? String(l.firstRow) : `(${l.size})`))).toEqual(ivl);
    },
    60_000,
  );
});
