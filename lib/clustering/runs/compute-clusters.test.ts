import { describe, expect, it } from "vitest";
import { cutTruncatedTree } from "../algorithms/dendrogram";
import { createRandom } from "../algorithms/random";
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

const wardInput = (cut: { by: "k"; k: number } | { by: "height"; height: number }) =>
  clusterRunInputSchema.parse({ features: ["recency_days", "frequency"], preprocessing: { log: [], scaling: "zscore" }, algorithm: { kind: "ward", cut, sampleSize: 300 }, seed: 3 });

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

  it("refuses a height that leaves one cluster or more than 30, naming the heights that work", async () => {
    const top = (await computeClusters({ values: values(), rows: 300, input: wardInput({ by: "k", k: 2 }) })).results.tree!.merges.at(-1)!.height;
    await expect(computeClusters({ values: values(), rows: 300, input: wardInput({ by: "height", height: top + 1 }) })).rejects.toThrow(/leaves one cluster: cut below [0-9.]+ \(the highest merge/);
    await expect(computeClusters({ values: values(), rows: 300, input: wardInput({ by: "height", height: 1e-6 }) })).rejects.toThrow(/gives 300 clusters, more than the 30 a run can profile: cut at [0-9.e-]+ or higher/);
  });
});
