import { describe, expect, it } from "vitest";
import { applyBins, fitBinEdges } from "./bin-features";
import { HistogramBuilder } from "./histograms";
import { syntheticClassification } from "./synthetic-classification";

describe("HistogramBuilder", () => {
  it("sums a node's gradients, hessians and rows per feature and bin the same with helper threads as alone", () => {
    const { x } = syntheticClassification(20_000, 3);
    const edges = fitBinEdges(x);
    const alone = new HistogramBuilder(applyBins(x, edges), 1);
    const shared = new HistogramBuilder(applyBins(x, edges, { shared: true }), 3);
    try {
      expect(alone.threads).toBe(1);
      expect(shared.threads).toBe(3);
      for (const b of [alone, shared])
        for (let i = 0; i < x.rows; i++) {
          b.gradient[i] = Math.sin(i) * 0.5;
          b.hessian[i] = 0.25 - (i % 7) / 100;
          b.indices[i] = x.rows - 1 - i; // a node's rows, in another order than stored
        }
      const root = shared.build(0, x.rows, true);
      expect(root).toEqual(alone.build(0, x.rows, true));
      const node = shared.build(1_000, 15_000, false);
      expect(node).toEqual(alone.build(1_000, 15_000, false));
      // Every feature's rows add up to the node's, and its gradients to the node's sum.
      let g = 0;
      for (let k = 1_000; k < 15_000; k++) g += alone.gradient[alone.indices[k]!]!;
      for (let f = 0; f < x.cols; f++) {
        let rows = 0;
        let gf = 0;
        for (let bin = 0; bin < 256; bin++) {
          gf += node[f * 768 + 3 * bin]!;
          rows += node[f * 768 + 3 * bin + 2]!;
        }
        expect(rows).toBe(14_000);
        expect(gf).toBeCloseTo(g, 8);
      }
    } finally {
      alone.close();
      shared.close();
    }
  });
});
