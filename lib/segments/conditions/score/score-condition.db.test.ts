import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { previewSegment } from "../../preview-segment";
import { segmentRulesSchema } from "../../schemas";

/** 100 scored customers (churn = id / 100, clv = id), one without a score, one who denied personalization (no row). */
beforeAll(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers RESTART IDENTITY CASCADE");
  await db.$executeRawUnsafe(`INSERT INTO customers (id) SELECT g FROM generate_series(1, 102) g`);
  await db.$executeRawUnsafe(
    `INSERT INTO customer_scores (customer_id, churn_probability, clv) SELECT g, g / 100.0, g FROM generate_series(1, 100) g`,
  );
});

const rules = (condition: object) =>
  segmentRulesSchema.parse({ type: "group", op: "and", children: [{ type: "condition", ...condition }] });
const count = async (condition: object) => (await previewSegment({ rules: rules(condition) })).total;

describe("score conditions", () => {
  it("compare a score with a number; customers without a score never match", async () => {
    expect(await count({ kind: "score", score: "churn_probability", op: "gt", value: 0.7 })).toBe(30);
    expect(await count({ kind: "score", score: "churn_probability", op: "lte", value: 0.05 })).toBe(5);
  });
  it("select the top X % of everyone's scores", async () => {
    expect(await count({ kind: "score", score: "clv", op: "top_percent", value: 10 })).toBe(10);
  });
  it("refuse a top percentage outside 0–100", async () => {
    await expect(count({ kind: "score", score: "clv", op: "top_percent", value: 120 })).rejects.toThrow(/between 0 and 100/);
  });
});
