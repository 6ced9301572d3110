import { describe, expect, it } from "vitest";
import { keyWords } from "./condition-fields";
import { conditionKinds, conditionSchemas } from "./conditions";
import { conditionDefinitions } from "./conditions/registry";
import { describeCondition } from "./describe-condition";
import { segmentRulesSchema, type Condition } from "./schemas";

describe("the condition kinds", () => {
  it("are listed alike in the client-safe index and the registry, each with its own schema", () => {
    const kinds = conditionSchemas.map((s) => s.shape.kind.value);
    expect(Object.keys(conditionKinds)).toEqual(kinds);
    expect(Object.keys(conditionDefinitions)).toEqual(kinds);
    for (const [kind, definition] of Object.entries(conditionDefinitions)) {
      expect(definition.kind).toBe(kind);
      expect(definition.schema).toBe(conditionKinds[kind as Condition["kind"]].schema);
      expect(definition.label.length).toBeGreaterThan(0);
      expect(definition.description.length).toBeGreaterThan(0);
    }
  });

  it("each give defaults that a rule accepts, but for the choice the builder asks for first", () => {
    for (const kind of Object.values(conditionKinds)) {
      const parsed = segmentRulesSchema.safeParse({ type: "group", op: "and", children: [{ type: "condition", ...kind.defaults }] });
      if (!parsed.success) {
        // Another segment, a clustering run: nothing sensible to preselect.
        expect(parsed.error.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Choose a (segment|clustering run)$/)]);
        continue;
      }
      const { type: _type, ...condition } = parsed.data.children[0]! as { type: "condition" } & Condition;
      expect(condition.kind).toBe(kind.kind);
      expect(describeCondition(condition)).not.toBe("");
    }
  });

  it("describe conditions as before", () => {
    const parse = (c: unknown) => {
      const rules = segmentRulesSchema.parse({ type: "group", op: "and", children: [{ type: "condition", ...(c as object) }] });
      const { type: _type, ...condition } = rules.children[0]! as { type: "condition" } & Condition;
      return describeCondition(condition);
    };
    expect(parse({ kind: "attribute", field: "country", valueType: "text", op: "eq", value: "FR" })).toBe('Country is "FR"');
    expect(parse({ kind: "attribute", field: "firstName", valueType: "text", op: "is_empty" })).toBe("First name is empty");
    expect(parse({ kind: "feature", feature: "recency_days", op: "between", value: 3, value2: 9 })).toBe(
      "Days since last purchase is between 3 and 9",
    );
    expect(
      parse({
        kind: "event",
        eventType: "product_viewed",
        where: [{ key: "category", op: "eq", value: "shoes" }],
        countOp: "gte",
        count: 3,
        window: { type: "last", amount: 7, unit: "days" },
      }),
    ).toBe('Did "product_viewed" where category is "shoes" at least 3 times in the last 7 days');
    expect(parse({ kind: "order", measure: "sum", op: "gte", value: 100, category: "shoes" })).toBe(
      'Spend in category "shoes" ever is at least 100',
    );
    expect(parse({ kind: "segment", segmentId: "s1", in: false })).toBe("Is not in segment s1");
    // With the names the caller read, a segment condition names its segment.
    const { type: _t, ...inSegment } = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [{ type: "condition", kind: "segment", segmentId: "s1" }],
    }).children[0] as { type: "condition" } & Condition;
    expect(describeCondition(inSegment, { segments: { s1: "Big spenders" } })).toBe("Is in segment “Big spenders”");
    expect(["product_viewed", "firstName", "Order Completed", "utm-source"].map(keyWords)).toEqual([
      "Product viewed",
      "First name",
      "Order Completed",
      "Utm source",
    ]);
    expect(parse({ kind: "consent", purpose: "email_marketing" })).toBe("May be used for email marketing");
    expect(parse({ kind: "rfm", field: "r", op: "gte", value: 4 })).toBe("RFM R score is at least 4");
  });
});
