import { describe, expect, it } from "vitest";
import { rfmSegmentName } from "./rfm-grid";

describe("rfmSegmentName", () => {
  it("names every cell of the R×F grid as the issue defines it", () => {
    const grid = [1, 2, 3, 4, 5].map((r) => [1, 2, 3, 4, 5].map((f) => rfmSegmentName(r, f)));
    expect(grid).toEqual([
      ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
      ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
      ["About to Sleep", "About to Sleep", "Need Attention", "Loyal Customers", "Loyal Customers"],
      ["Promising", "Potential Loyalists", "Potential Loyalists", "Loyal Customers", "Loyal Customers"],
      ["New Customers", "Potential Loyalists", "Potential Loyalists", "Champions", "Champions"],
    ]);
  });
});
