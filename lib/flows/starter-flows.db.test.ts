import { describe, expect, it } from "vitest";
import { db } from "../db";
import { actor } from "../../test/flow-test-kit";
import { createStarterFlow, STARTER_KEYS } from "./starter-flows";
import { flowDefinitionSchema } from "./schemas";

describe("starter flows", () => {
  it("creates every starter as a valid draft, with gallery templates shared between them", async () => {
    for (const key of STARTER_KEYS) {
      const { id } = await createStarterFlow({ key, actor });
      const flow = await db.flow.findUniqueOrThrow({ where: { id } });
      expect(flow.status).toBe("draft");
      expect(() => flowDefinitionSchema.parse({ ...flow, exitOn: flow.exitOn })).not.toThrow();
    }
    const cart = await db.flow.findFirstOrThrow({ where: { name: "Abandoned cart" } });
    expect(cart.eventTypes).toEqual(["Added to Cart", "Order Completed"]);
    const winBack = await db.flow.findFirstOrThrow({ where: { name: "Win-back" } });
    expect(winBack.segmentIds).toHaveLength(1);
    expect(await db.emailTemplate.count({ where: { fromGallery: "newsletter" } })).toBe(1);
  });
});
