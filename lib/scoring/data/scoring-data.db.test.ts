import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { openPgClient } from "../../bulk/open-pg-client";
import { createModelRun } from "../runs/create-model-run";
import { runModelRun } from "../runs/run-model-run";
import { modelWindowSchema } from "../schemas";
import { loadFeatures } from "./load-features";
import { loadInteractions } from "./load-interactions";
import { loadRfmSummary } from "./load-rfm-summary";
import { CUTOFF, DENIED, seedScoringData } from "./scoring-fixture";

beforeAll(seedScoringData);

describe("features as of a cutoff", () => {
  it("read nothing after the cutoff: the same features with every later order and event deleted", async () => {
    const client = await openPgClient();
    try {
      const before = await loadFeatures(client, { cutoff: CUTOFF, timeZone: "UTC", population: "active", labelDays: 90 });
      const rfmBefore = await loadRfmSummary(client, { calibrationEnd: CUTOFF, observationEnd: "2024-12-31", timeZone: "UTC" });
      // Customer 8's only edge order is the first instant after the cutoff; customer 7's the last one before it.
      const row = (ids: Int32Array, id: number) => ids.indexOf(id);
      const col = before.x.names.indexOf("orders_30");
      const edge7 = before.x.values[row(before.customerIds, 7) * before.x.cols + col]!;
      const later = await db.order.count({ where: { placedAt: { gte: new Date("2024-07-01T00:00:00Z") } } });
      expect(later).toBeGreaterThan(100);
      await client.query("BEGIN");
      await client.query(`DELETE FROM orders WHERE placed_at >= '2024-07-01T00:00:00Z'`);
      await client.query(`DELETE FROM events WHERE occurred_at >= '2024-07-01T00:00:00Z'`);
      const after = await loadFeatures(client, { cutoff: CUTOFF, timeZone: "UTC", population: "active" });
      const rfmAfter = await loadRfmSummary(client, { calibrationEnd: CUTOFF, observationEnd: CUTOFF, timeZone: "UTC" });
      await client.query("ROLLBACK");
      expect(Array.from(after.customerIds)).toEqual(Array.from(before.customerIds));
      expect(Array.from(after.x.values)).toEqual(Array.from(before.x.values));
      for (const k of ["frequency", "recency", "T", "monetary"] as const) expect(Array.from(rfmAfter[k])).toEqual(Array.from(rfmBefore[k]));
      expect(edge7).toBeGreaterThanOrEqual(1);
      // The labels do see the window after the cutoff: customer 8 bought in it.
      expect(before.bought![row(before.customerIds, 8)]).toBe(1);
      expect(rfmBefore.holdout.reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});

describe("personalization consent", () => {
  it("leaves a customer who denied it out of training data and scores", async () => {
    const client = await openPgClient();
    try {
      const features = await loadFeatures(client, { cutoff: CUTOFF, timeZone: "UTC", population: "active", labelDays: 90 });
      const rfm = await loadRfmSummary(client, { calibrationEnd: CUTOFF, observationEnd: "2024-12-31", timeZone: "UTC" });
      const pairs = await loadInteractions(client, { cutoff: CUTOFF, horizonDays: 90, dataEnd: "2024-12-31", timeZone: "UTC" });
      expect(features.customerIds).not.toContain(DENIED);
      expect(rfm.customerIds).not.toContain(DENIED);
      expect(pairs.customerIds).not.toContain(DENIED);
      // Customers without a record are used (personalization is allowed by default).
      expect(features.customerIds).toContain(DENIED + 1);
    } finally {
      await client.end();
    }
    // A score written before the denial is removed by the next run.
    await db.customerScore.create({ data: { customerId: DENIED, churnProbability: 0.5 } });
    for (const kind of ["clv", "churn", "recommendations"] as const) {
      const run = await createModelRun({
        kind,
        window: modelWindowSchema.parse({ cutoff: kind === "clv" ? undefined : "2024-09-01" }),
        actor: systemActor("cli"),
        trigger: "cli",
      });
      expect((await runModelRun({ runId: run.id })).status).toBe("succeeded");
    }
    expect(await db.customerScore.findUnique({ where: { customerId: DENIED } })).toBeNull();
    const scored = await db.customerScore.findUniqueOrThrow({ where: { customerId: DENIED + 1 } });
    expect(scored.clv).toBeGreaterThan(0);
    expect(scored.churnProbability).toBeGreaterThan(0);
    expect(scored.recommendedProductIds.length).toBe(10);
    const runs = await db.modelRun.findMany({ orderBy: { createdAt: "asc" } });
    expect(runs.map((r) => [r.kind, r.version, r.status])).toEqual([
      ["clv", 1, "succeeded"],
      ["churn", 1, "succeeded"],
      ["recommendations", 1, "succeeded"],
    ]);
    expect(runs.every((r) => r.durationMs! >= 0 && r.trainingRows! > 0 && r.createdByEmail === "cli")).toBe(true);
  });
});
