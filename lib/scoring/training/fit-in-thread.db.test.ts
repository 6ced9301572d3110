import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgClient } from "../../bulk/open-pg-client";
import { closeQueues } from "../../jobs/get-queue";
import { seedScoringData } from "../data/scoring-fixture";
import { modelWindowSchema } from "../schemas";
import { trainModel } from "./train-model";

const window = modelWindowSchema.parse({ cutoff: "2024-09-01" });

/** Counts turns of the event loop until stopped. */
function loopTurns() {
  let turns = 0;
  let running = true;
  const spin = () => {
    turns++;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  return { count: () => turns, stop: () => void (running = false) };
}

describe("model fitting in the training thread", () => {
  beforeAll(seedScoringData);
  afterAll(closeQueues);

  it("fits off the event loop: progress comes back tree by tree while the loop keeps turning", { timeout: 120_000 }, async () => {
    const client = await openPgClient();
    const loop = loopTurns();
    const seen: { phase: string; turns: number }[] = [];
    try {
      const result = await trainModel({ client, kind: "churn", window, progress: (phase) => seen.push({ phase, turns: loop.count() }) });
      expect(result.metrics).toMatchObject({ chosen: expect.stringMatching(/logistic_regression|gradient_boosting/) });
      expect(result.scores.columns.churn_probability!.length).toBe(result.scores.customerIds.length);
    } finally {
      loop.stop();
      await client.end();
    }
    const trees = seen.filter((s) => s.phase.startsWith("Fitting gradient-boosted trees (tree "));
    expect(trees.length).toBeGreaterThan(10);
    expect(seen.map((s) => s.phase)).toContain("Validating");
    // On the event loop, the whole fit ran between two turns; in the thread, the loop turned meanwhile.
    const first = seen.find((s) => s.phase === "Fitting logistic regression")!;
    const last = seen.find((s) => s.phase === "Scoring customers")!;
    expect(last.turns).toBeGreaterThan(first.turns);
  });

  it("stops a fit in progress when the run is cancelled", { timeout: 120_000 }, async () => {
    const client = await openPgClient();
    const controller = new AbortController();
    const phases: string[] = [];
    try {
      await expect(
        trainModel({
          client,
          kind: "churn",
          window,
          signal: controller.signal,
          progress: (phase) => {
            phases.push(phase);
            if (phase.includes("(tree 2 ")) controller.abort(new Error("cancel requested"));
          },
        }),
      ).rejects.toThrow("cancel requested");
    } finally {
      await client.end();
    }
    expect(phases).not.toContain("Validating");
  });

  it("brings a fit's own error back as the reason the run failed", { timeout: 120_000 }, async () => {
    const client = await openPgClient();
    try {
      // Ten days in, many customers have bought but hardly anyone twice: Gamma-Gamma refuses, in the thread.
      await expect(
        trainModel({ client, kind: "clv", window: modelWindowSchema.parse({ cutoff: "2024-01-20", calibrationEnd: "2024-01-12" }) }),
      ).rejects.toMatchObject({ name: "AppError", message: expect.stringMatching(/Gamma-Gamma needs more repeat buyers/) });
    } finally {
      await client.end();
    }
  });
});
