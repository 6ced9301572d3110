import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { waitForSegmentBuilds } from "../test/wait-for-segment-builds";
import { startWorkers } from "./start-workers";
import { createClusterRun } from "../lib/clustering/runs/create-cluster-run";
import { getClusterRun } from "../lib/clustering/runs/get-cluster-run";
import { runClusterRun } from "../lib/clustering/runs/run-cluster-run";
import { saveClusterSegment } from "../lib/clustering/runs/save-cluster-segment";
import { NEVER_PURCHASED, storedRunParams, type ClusterRunInputRaw } from "../lib/clustering/runs/schemas";

const actor = systemActor("system");

/** 60 buyers in two groups, 20 customers without any features row and 10 with 0 purchases: 30 who never purchased. */
async function seed(): Promise<{ buyers: number[][]; never: number[] }> {
  const buyers: number[][] = [[], []];
  for (let g = 0; g < 2; g++) {
    for (let i = 0; i < 30; i++) {
      const c = await db.customer.create({ data: { email: `b${g}-${i}@x.test` }, select: { id: true } });
      const jitter = 1 + ((i % 7) - 3) / 30;
      await db.customerFeature.create({
        data: {
          customerId: c.id,
          asOf: new Date("2024-01-01"),
          recencyDays: Math.round([10, 300][g]! * jitter),
          frequency: Math.max(1, Math.round([20, 1][g]! * jitter)),
          monetary: [5000, 40][g]! * jitter,
        },
      });
      buyers[g]!.push(c.id);
    }
  }
  const never: number[] = [];
  for (let i = 0; i < 30; i++) {
    const c = await db.customer.create({ data: { email: `n-${i}@x.test` }, select: { id: true } });
    if (i >= 20) await db.customerFeature.create({ data: { customerId: c.id, asOf: new Date("2024-01-01"), frequency: 0, monetary: 0 } });
    never.push(c.id);
  }
  return { buyers, never };
}

const input = (neverPurchased?: "separate" | "include"): ClusterRunInputRaw => ({
  features: ["recency_days", "frequency", "monetary"],
  preprocessing: {
    ...(neverPurchased ? { neverPurchased } : {}),
    missing: "median",
    log: ["frequency", "monetary"],
    scaling: "zscore",
    pca: null,
  },
  algorithm: { kind: "kmeans", k: 2, nInit: 5, maxIter: 100 },
  elbowMaxK: 4,
  seed: 3,
});

const members = async (segmentId: string) =>
  (await db.segmentMember.findMany({ where: { segmentId }, select: { customerId: true }, orderBy: { customerId: "asc" } })).map(
    (m) => m.customerId,
  );

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, segments, cluster_runs RESTART IDENTITY CASCADE");
});
afterAll(async () => {
  await closeQueues();
});

describe("a clustering run and the customers who never purchased", () => {
  it("keeps them apart as a visible group of their own (by default), saved as a snapshot; live segments never take them", async () => {
    const { buyers, never } = await seed();
    const { id } = await createClusterRun({ input: input(), actor });
    await runClusterRun({ runId: id });
    const run = await getClusterRun({ id });
    expect(run.params.preprocessing.neverPurchased).toBe("separate");
    const r = run.results!;
    expect(run.population).toBe(60);
    expect(r.neverPurchased).toBe(30);
    expect(r.sizes.slice().sort()).toEqual([30, 30]);
    expect(run.clusterNames.join(" ")).not.toMatch(/never/);
    const stored = await db.clusterAssignment.findMany({ where: { runId: id, cluster: NEVER_PURCHASED }, select: { customerId: true } });
    expect(stored.map((s) => s.customerId).sort((a, b) => a - b)).toEqual(never);

    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      const group = await saveClusterSegment({ runId: id, cluster: NEVER_PURCHASED, mode: "snapshot", name: "Never purchased", actor });
      await expect(saveClusterSegment({ runId: id, cluster: NEVER_PURCHASED, mode: "live", name: "x", actor })).rejects.toThrow(
        /Never purchased has no centre/,
      );
      const lapsed = run.clusterNames.findIndex((n) => /lapsed/i.test(n));
      const live = await saveClusterSegment({ runId: id, cluster: lapsed, mode: "live", name: "Lapsed (live)", actor });
      await waitForSegmentBuilds();
      expect(await members(group.id)).toEqual(never);
      expect((await db.segment.findUniqueOrThrow({ where: { id: group.id } })).description).toMatch(
        /^Snapshot of the group “Never purchased” \(customers with no purchase when the run was made\)/,
      );
      // The live segment takes the lapsed buyers only, never those kept apart.
      expect(await members(live.id)).toEqual(buyers[1]);
    } finally {
      await workers.close();
    }
  });

  it("clustered with the others on request: names never call them buyers; runs stored before the choice read as clustered with the others", async () => {
    await seed();
    const { id } = await createClusterRun({ input: input("include"), actor });
    await runClusterRun({ runId: id });
    const run = await getClusterRun({ id });
    expect(run.population).toBe(90);
    const r = run.results!;
    expect(r.neverPurchased ?? 0).toBe(0);
    const withThem = r.profiles.filter((p) => (p.neverPurchased ?? 0) > 0);
    expect(withThem.reduce((s, p) => s + p.neverPurchased!, 0)).toBe(30);
    for (const p of withThem) expect(run.clusterNames[p.cluster]).toMatch(/never purchased/);
    for (const p of withThem) expect(run.clusterNames[p.cluster]).not.toMatch(/buyers|spenders/);
    // 30 recencies were missing and filled with the median: the profile says so.
    expect(r.population.find((f) => f.key === "recency_days")!.filled).toBe(30);

    const old = { ...input(), preprocessing: { missing: "median", log: [], scaling: "zscore", pca: null } };
    expect(storedRunParams(old).preprocessing.neverPurchased).toBe("include");
  });
});
