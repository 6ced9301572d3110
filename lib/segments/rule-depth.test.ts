import { describe, expect, it } from "vitest";
import { maxRuleDepth, segmentInputSchema, segmentRulesSchema } from "./schemas";

const condition = { type: "condition", kind: "attribute", field: "country", valueType: "text", op: "eq", value: "GB" };

/** A rule tree `depth` groups deep, one group inside the other. */
function nested(depth: number): unknown {
  let node: unknown = { type: "group", op: "and", children: [condition] };
  for (let i = 1; i < depth; i++) node = { type: "group", op: i % 2 ? "or" : "and", children: [node] };
  return node;
}

describe("rule tree depth", () => {
  it(`accepts groups ${maxRuleDepth} deep`, () => {
    expect(segmentRulesSchema.safeParse(nested(maxRuleDepth)).success).toBe(true);
  });

  it("refuses deeper trees with a message that says what to do, even 100,000 groups deep (no stack overflow)", () => {
    for (const depth of [maxRuleDepth + 1, 100_000]) {
      const result = segmentInputSchema.safeParse({ name: "Deep", rules: nested(depth) });
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([
        expect.objectContaining({
          path: ["rules"],
          message: expect.stringMatching(/nest groups more than 20 deep.*side by side in one group/),
        }),
      ]);
    }
  });
});
