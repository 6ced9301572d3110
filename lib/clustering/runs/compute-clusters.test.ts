import { describe, expect, it } from "vitest";
import { assignNearest } from "../algorithms/assign";
import { cutTruncatedTree } from "../algorithms/dendrogram";
import { takeRows } from "../algorithms/matrix";
import { preprocess } from "../algorithms/preprocess";
import { createRandom, sampleRows } from "../algorithms/random";
import { cutTree, ward } from "../algorithms/ward";
import { computeClusters } from "./compute-clusters";
import { clusterRunInputSchema } from "./schemas";

/** 300 customers in three loose groups of (recency, purchases), row-major. */
function values(): Float64Array {
  const random = createRandom(9);
  const out = new Float64Array(300 * 2);
  for (let i = 0; i < 300; i++) {
    out[i * 2] = [10, 120, 300][i % 3]! + random() * 30;
    out[i * 2 + 1] = [20, 5, 1][i % 3]! + random() * 2;
  }
  return out;
}

const wardInput = (cut: { by: "k"; k: number } | { by: "height"; height: number }, sampleSize = 300) =>
  clusterRunInputSchema.parse({
    features: ["recency_days", "frequency"],
    preprocessing: { log: [], scaling: "zscore" },
    algorithm: { kind: "ward", cut, sampleSize },
    seed: 3,
  });

describe("computeClusters with Ward", () => {
  it("stores the top of the tree, whose drawn cut gives the run's clusters", async () => {
    const out = await computeClusters({ values: values(), rows: 300, input: wardInput({ by: "k", k: 3 }) });
    const tree = out.results.tree!;
    expect(tree.rows).toBe(300);
    expect(tree.leaves).toHaveLength(40);
    const cut = cutTruncatedTree(tree, { by: "k", k: 3 });
    if (!cut.ok) throw new Error(cut.message);
    // Every row is in the sample here, so the drawn sizes are the run's sizes, cluster by cluster.
    expect(cut.sizes).toEqual(out.results.sizes);
    const again = await computeClusters({ values: values(), rows: 300, input: wardInput({ by: "height", height: cut.height }) });
    expect(Array.from(again.labels)).toEqual(Array.from(out.labels));
  });

  it("keeps the tree's clusters for the sampled customers and gives the rest the nearest centre", async () => {
    const out = await computeClusters({ values: values(), rows: 300, input: wardInput({ by: "k", k: 4 }, 120) });
    const m = preprocess(
      {
        columns: [
          { key: "recency_days", skewed: false },
          { key: "frequency", skewed: false },
        ],
        values: values(),
        rows: 300,
      },
      { missing: "median", log: [], scaling: "zscore" },
    ).matrix;
    const idx = sampleRows(300, 120, 3);
    const sample = takeRows(m, idx);
    const treeLabels = cutTree(ward(sample).merges, 120, { k: 4 });
    expect(Array.from(idx, (row) => out.labels[row])).toEqual(Array.from(treeLabels));
    const nearest = assignNearest(m, { rows: 4, cols: 2, data: Float64Array.from(out.results.centres.flat()) });
    const inSample = new Set(idx);
    for (let r = 0; r < 300; r++) if (!inSample.has(r)) expect(out.labels[r]).toBe(nearest[r]);
    // Ward's clusters are not the centres' cells: some sampled customers sit nearer another centre and still keep their tree cluster.
    expect(Array.from(idx).some((row, i) => nearest[row] !== treeLabels[i])).toBe(true);
  });

  it("refuses a height that leaves one cluster or more than 30, naming the heights that work", async () => {
    const top = (await computeClusters({ values: values(), rows: 300, input: wardInput({ by: "k", k: 2 }) })).results.tree!.merges.at(
      -1,
    )!.height;
    await expect(computeClusters({ values: values(), rows: 300, input: wardInput({ by: "height", height: top + 1 }) })).rejects.toThrow(
      /leaves one cluster: cut below [0-9.]+ \(the highest merge/,
    );
    await expect(computeClusters({ values: values(), rows: 300, input: wardInput({ by: "height", height: 1e-6 }) })).rejects.toThrow(
      /gives 300 clusters, more than the 30 a run can profile: cut at [0-9.e-]+ or higher/,
    );
  });
});
