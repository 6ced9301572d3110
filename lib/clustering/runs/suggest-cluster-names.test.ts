import { describe, expect, it } from "vitest";
import type { ClusterProfile } from "./schemas";
import { suggestClusterNames } from "./suggest-cluster-names";

const profile = (cluster: number, diffs: Record<string, [number, number]>): ClusterProfile => ({
  cluster,
  size: 10,
  share: 0.25,
  features: Object.entries(diffs).map(([key, [difference, median]]) => ({ key, mean: median, median, difference })),
  standouts: [],
  suggestedName: "",
});

describe("suggested cluster names", () => {
  it("reads recency, frequency and spend into plain words", () => {
    const names = suggestClusterNames([
      profile(0, { recency_days: [-1.2, 12], frequency: [1.5, 18], monetary: [1.4, 4000] }),
      profile(1, { recency_days: [1.3, 320], frequency: [-0.9, 1], monetary: [-0.8, 30] }),
      profile(2, { recency_days: [0.1, 90], frequency: [0.05, 4], monetary: [0.1, 400] }),
    ]);
    expect(names).toEqual(["Recent frequent high spenders", "Lapsed one-time low spenders", "Typical buyers"]);
  });

  it("keeps names unique and names attributes when nothing else stands out", () => {
    const names = suggestClusterNames([
      profile(0, { "attr:age": [1, 60], "attr:visits": [0.1, 3] }),
      profile(1, { "attr:age": [1, 61], "attr:visits": [0.1, 3] }),
      profile(2, { "attr:age": [-1, 20], "attr:visits": [0, 3] }),
    ]);
    expect(names).toEqual(["High age customers", "High age customers (2)", "Low age customers"]);
  });
});
