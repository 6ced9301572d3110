import { describe, expect, it } from "vitest";
import { buildItemSimilarity, hitRateAtK, recommendItems, recommendPopular } from "./co-purchase";

// Customers 0–3 buy items; item 0 and 1 go together, item 2 is the most popular.
const pairs: [number, number][] = [
  [0, 0],
  [0, 1],
  [0, 2],
  [1, 0],
  [1, 1],
  [2, 2],
  [2, 3],
  [3, 2],
  [3, 4],
  [3, 0],
  [4, 2],
];
const data = { customers: 5, items: 6, customer: Int32Array.from(pairs, (p) => p[0]), item: Int32Array.from(pairs, (p) => p[1]) };

describe("item-to-item recommendations", () => {
  const model = buildItemSimilarity(data);

  it("scores co-purchased items by cosine similarity, by hand", () => {
    // Item 0: customers {0,1,3}; item 1: {0,1}: 2 / √(3·2).
    const k = Array.from(model.neighbour.subarray(model.offsets[0]!, model.offsets[1]!)).indexOf(1);
    expect(model.similarity[model.offsets[0]! + k]!).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(model.neighbour[model.offsets[1]!]!).toBe(0); // item 1's best neighbour is item 0
  });

  it("never recommends what the customer bought", () => {
    for (let c = 0; c < 4; c++) {
      const bought = pairs.filter((p) => p[0] === c).map((p) => p[1]);
      const recs = recommendItems(model, { seen: bought, exclude: bought, count: 10 });
      expect(recs.some((r) => bought.includes(r.item))).toBe(false);
      expect(new Set(recs.map((r) => r.item)).size).toBe(recs.length);
    }
  });

  it("recommends the co-purchased item first, then fills with popular ones", () => {
    const recs = recommendItems(model, { seen: [1], exclude: [1], count: 3 });
    expect(recs[0]!).toMatchObject({ item: 0, source: "similar" });
    expect(recs.map((r) => r.item)).toContain(2);
    expect(recs.length).toBe(3);
  });

  it("falls back to popularity for a customer with no history (cold start)", () => {
    const recs = recommendItems(model, { seen: [], exclude: [], count: 2 });
    expect(recs).toEqual([
      { item: 2, score: 0, source: "popular" },
      { item: 0, score: 0, source: "popular" },
    ]);
    expect(recommendPopular(model, { exclude: [2], count: 1 })[0]!.item).toBe(0);
  });

  it("hit rate @k counts customers with at least one later purchase among the recommendations", () => {
    const holdout = new Map([
      [1, new Set([2])],
      [2, new Set([5])],
    ]);
    const result = hitRateAtK({ holdout, recommend: (c) => recommendPopular(model, { exclude: c === 1 ? [0, 1] : [2, 3], count: 1 }) });
    expect(result).toEqual({ hitRate: 0.5, customers: 2, hits: 1 });
  });
});
