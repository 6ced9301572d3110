import { describe, expect, it } from "vitest";
import { analyzeRules } from "./analyze-rules";
import { rollupKeysOf } from "./ensure-event-rollup-keys";
import { segmentRulesSchema } from "./schemas";

describe("analyzeRules", () => {
  it("indexes a rule tree by the changes that can affect it", () => {
    const rules = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [
        { type: "condition", kind: "event", eventType: "product_viewed", window: { type: "last", amount: 7, unit: "days" } },
        {
          type: "group",
          op: "or",
          children: [
            { type: "condition", kind: "segment", segmentId: "s1" },
            { type: "condition", kind: "consent", purpose: "email_marketing" },
          ],
        },
      ],
    });
    expect(analyzeRules(rules)).toEqual({
      triggers: ["consent", "event:product_viewed", "segment:s1"],
      dependsOn: ["s1"],
      timeBased: true,
    });
  });

  it("is not time-based without relative windows", () => {
    const rules = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [{ type: "condition", kind: "order", measure: "count", op: "gte", value: 3 }],
    });
    expect(analyzeRules(rules)).toEqual({ triggers: ["orders"], dependsOn: [], timeBased: false });
  });

  it("refuses a malformed rule document, naming the field", () => {
    const parsed = segmentRulesSchema.safeParse({
      type: "group",
      op: "and",
      children: [{ type: "condition", kind: "event", eventType: "" }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("Choose an event");
  });

  it("lists the event property keys event_counts should count: single equality filters, once each", () => {
    const viewed = (where: object[]) => ({ type: "condition", kind: "event", eventType: "product_viewed", where });
    const rules = segmentRulesSchema.parse({
      type: "group",
      op: "or",
      children: [
        viewed([{ key: "category", op: "eq", value: "shoes" }]),
        { type: "group", op: "and", children: [viewed([{ key: "category", op: "eq", value: "bags" }])] },
        viewed([{ key: "brand", op: "neq", value: "x" }]),
        viewed([
          { key: "brand", op: "eq", value: "x" },
          { key: "size", op: "eq", value: "9" },
        ]),
        {
          type: "condition",
          kind: "sequence",
          first: { eventType: "a", where: [{ key: "k", op: "eq", value: "v" }] },
          then: { eventType: "b" },
          within: { amount: 1, unit: "days" },
        },
      ],
    });
    expect(rollupKeysOf(rules)).toEqual([{ eventType: "product_viewed", key: "category" }]);
  });
});
