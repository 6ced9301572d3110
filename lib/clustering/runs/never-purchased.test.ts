import { describe, expect, it } from "vitest";
import { createRandom } from "../algorithms/random";
import { computeClusters } from "./compute-clusters";
import { clusterRunInputSchema, NEVER_PURCHASED, type ClusterProfile } from "./schemas";
import { suggestClusterNames } from "./suggest-cluster-names";

const profile = (diffs: Record<string, [number, number]>, size: number, neverPurchased?: number): ClusterProfile => ({
  cluster: 0,
  size,
  share: 0.25,
  features: Object.entries(diffs).map(([key, [difference, median]]) => ({ key, mean: median, median, difference })),
  standouts: [],
  suggestedName: "",
  ...(neverPurchased === undefined ? {} : { neverPurchased }),
});

describe("cluster names for customers who never purchased", () => {
  it("never calls them buyers or spenders, and says how many of a mixed cluster never purchased", () => {
    const names = suggestClusterNames([
      // Everyone never purchased: frequency 0, spend 0 (low), recency filled by the median.
      profile({ recency_days: [0.1, 90], frequency: [-1.2, 0], monetary: [-1.1, 0] }, 50, 50),
      profile({ recency_days: [0.1, 90], frequency: [-1.2, 0], monetary: [-1.1, 0], opens_90: [1.2, 6] }, 20, 20),
      // A mixed cluster, mostly buyers, and one mostly not.
      profile({ recency_days: [1.3, 320], frequency: [-0.9, 1], monetary: [-0.8, 30] }, 100, 40),
      profile({ recency_days: [0.2, 90], frequency: [-1, 0], monetary: [-0.9, 0], opens_90: [-0.8, 0] }, 100, 80),
      // Only buyers: the usual names.
      profile({ recency_days: [-1.2, 12], frequency: [1.5, 18], monetary: [1.4, 4000] }, 60, 0),
    ]);
    expect(names).toEqual([
      "Customers who never purchased",
      "Engaged customers who never purchased",
      "Lapsed one-time low-spending customers (40 % never purchased)",
      "Unengaged customers (80 % never purchased)",
      "Recent frequent high spenders",
    ]);
    for (const name of names.slice(0, 4)) expect(name).not.toMatch(/buyers|spenders/);
  });
});

/** 90 buyers in three groups of (recency, purchases, spend), and 30 customers who never purchased (recency missing). */
function customers() {
  const random = createRandom(5);
  const rows = 120;
  const values = new Float64Array(rows * 3);
  const purchased = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const g = i % 4;
    if (g === 3) {
      values.set([NaN, 0, 0], i * 3);
      continue;
    }
    purchased[i] = 1;
    values.set(
      [[10, 120, 300][g]! + random() * 20, [20, 5, 1][g]! + Math.round(random() * 2), [4000, 500, 40][g]! * (1 + random() / 10)],
      i * 3,
    );
  }
  return { values, purchased, rows };
}

const input = (neverPurchased: "separate" | "include") =>
  clusterRunInputSchema.parse({
    features: ["recency_days", "frequency", "monetary"],
    preprocessing: { neverPurchased, missing: "median", log: ["frequency", "monetary"], scaling: "zscore" },
    algorithm: { kind: "kmeans", k: 3, nInit: 5 },
    elbowMaxK: 4,
    seed: 1,
  });

describe("computeClusters and customers who never purchased", () => {
  it("keeps them apart as their own group by default: no cluster holds them, no value is filled", async () => {
    expect(
      clusterRunInputSchema.parse({ features: ["frequency", "monetary"], algorithm: { kind: "kmeans" } }).preprocessing.neverPurchased,
    ).toBe("separate");
    const { values, purchased, rows } = customers();
    const out = await computeClusters({ values, purchased, rows, input: input("separate") });
    expect(out.results.neverPurchased).toBe(30);
    expect(out.results.sizes.slice().sort((a, b) => a - b)).toEqual([30, 30, 30]);
    for (let i = 0; i < rows; i++) expect(out.labels[i] === NEVER_PURCHASED).toBe(!purchased[i]);
    expect(out.results.profiles.every((p) => p.neverPurchased === 0)).toBe(true);
    expect(out.results.population.map((f) => f.filled)).toEqual([0, 0, 0]);
    expect(out.results.live!.purchasersOnly).toBe(true);
    for (const name of out.results.profiles.map((p) => p.suggestedName)) expect(name).not.toMatch(/never/);
  });

  it("clustered with the others: the filled values are counted in the profiles and the names say who never purchased", async () => {
    const { values, purchased, rows } = customers();
    const out = await computeClusters({ values, purchased, rows, input: input("include") });
    expect(out.results.neverPurchased).toBe(0);
    expect(out.results.live!.purchasersOnly).toBeUndefined();
    expect(out.results.population[0]!.filled).toBe(30);
    const withNonBuyers = out.results.profiles.filter((p) => (p.neverPurchased ?? 0) > 0);
    expect(withNonBuyers.reduce((s, p) => s + p.neverPurchased!, 0)).toBe(30);
    expect(withNonBuyers.reduce((s, p) => s + p.features[0]!.filled!, 0)).toBe(30);
    for (const p of withNonBuyers) {
      expect(p.suggestedName).toMatch(/never purchased/);
      expect(p.suggestedName).not.toMatch(/buyers|spenders/);
    }
  });
});
