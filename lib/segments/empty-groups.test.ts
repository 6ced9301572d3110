import { describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { segmentRulesSchema } from "./schemas";

const ref = new Date("2026-01-01T00:00:00Z");
const hasEmail = { type: "condition", kind: "attribute", field: "email", valueType: "text", op: "is_not_empty" };

describe("a group without conditions", () => {
  it("is ignored until it has one (neither everyone nor no one), at any depth", () => {
    const alone = compileRules(segmentRulesSchema.parse({ type: "group", op: "and", children: [hasEmail] }), { ref });
    for (const empty of [
      { type: "group", op: "or", children: [] },
      { type: "group", op: "and", not: true, children: [] },
      { type: "group", op: "or", children: [{ type: "group", op: "and", children: [] }] },
    ]) {
      const withEmpty = compileRules(segmentRulesSchema.parse({ type: "group", op: "and", children: [hasEmail, empty] }), { ref });
      expect(withEmpty.where).toBe(alone.where);
    }
    // Once it has a condition, it counts; paths keep the positions the builder shows.
    const filled = compileRules(
      segmentRulesSchema.parse({
        type: "group",
        op: "and",
        children: [
          { type: "group", op: "or", children: [] },
          { type: "group", op: "or", children: [hasEmail] },
        ],
      }),
      { ref },
    );
    expect(filled.leaves.map((l) => l.path.join("."))).toEqual(["1.0"]);
  });
});
