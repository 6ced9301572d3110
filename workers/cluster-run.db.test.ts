import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { cutTruncatedTree } from "../lib/clustering/algorithms/dendrogram";
import { cancelClusterRun } from "../lib/clustering/runs/cancel-cluster-run";
import { createClusterRun } from "../lib/clustering/runs/create-cluster-run";
import { STALE_MESSAGE } from "../lib/clustering/runs/fail-stale-runs";
import { getClusterRun } from "../lib/clustering/runs/get-cluster-run";
import { runClusterRun } from "../lib/clustering/runs/run-cluster-run";
import { saveClusterSegment } from "../lib/clustering/runs/save-cluster-segment";
import { compareClusterRuns } from "../lib/clustering/runs/compare-cluster-runs";
import { kneeOf, previewKDistances } from "../lib/clustering/runs/preview-k-distances";
import { clusterRunInputSchema } from "../lib/clustering/runs/schemas";
import { previewSegment } from "../lib/segments/preview-segment";
import { segmentRulesSchema } from "../lib/segments/schemas";
import type { ClusterRunInputRaw } from "../lib/clustering/runs/schemas";
import { db } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { queueSegmentRebuild } from "../lib/jobs/segment-rebuild-job";
import { waitForSegmentBuilds } from "../test/wait-for-segment-builds";
import { startWorkers } from "./start-workers";

const actor = systemActor("system");

/**
 * Three groups known by construction (40 customers each): frequent high spenders, lapsed one-time
 * buyers, and in-between; plus 5 customers who objected to profiling and must be left out.
 */
async function seed(): Promise<{ groups: number[][]; objected: number[] }> {
  const groups: number[][] = [[], [], []];
  const shapes = [
    { recency: 10, frequency: 20, monetary: 5000 },
    { recency: 300, frequency: 1, monetary: 40 },
    { recency: 90, frequency: 5, monetary: 500 },
  ];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < 40; i++) {
      const s = shapes[g]!;
      const c = await db.customer.create({ data: { email: `g${g}-${i}@x.test` }, select: { id: true } });
      const jitter = 1 + ((i % 7) - 3) / 30;
      await db.customerFeature.create({
        data: {
          customerId: c.id,
          asOf: new Date("2024-01-01"),
          recencyDays: Math.round(s.recency * jitter),
          frequency: Math.max(1, Math.round(s.frequency * jitter)),
          monetary: s.monetary * jitter,
          categories: 2,
        },
      });
      groups[g]!.push(c.id);
    }
  }
  const objected: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c = await db.customer.create({ data: { email: `no-${i}@x.test` }, select: { id: true } });
    await db.customerFeature.create({
      data: { customerId: c.id, asOf: new Date("2024-01-01"), recencyDays: 10, frequency: 20, monetary: 5000 },
    });
    await db.consentRecord.create({
      data: { customerId: c.id, purpose: "personalization", status: "denied", source: "test", occurredAt: new Date() },
    });
    objected.push(c.id);
  }
  return { groups, objected };
}

const kmeansInput = (k: number | null, features = ["recency_days", "frequency", "monetary"]): ClusterRunInputRaw => ({
  features,
  preprocessing: { missing: "median", log: features.filter((f) => f === "frequency" || f === "monetary"), scaling: "zscore", pca: null },
  algorithm: { kind: "kmeans", k, nInit: 5, maxIter: 100 },
  elbowMaxK: 6,
  seed: 7,
});

async function waitForRun(id: string, timeout = 45_000) {
  await expect.poll(async () => (await getClusterRun({ id })).status, { timeout, interval: 100 }).toMatch(/succeeded|failed|cancelled/);
  return getClusterRun({ id });
}

async function assignments(runId: string): Promise<Map<number, number>> {
  const rows = await db.clusterAssignment.findMany({ where: { runId }, select: { customerId: true, cluster: true } });
  return new Map(rows.map((r) => [r.customerId, r.cluster]));
}

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, segments, cluster_runs RESTART IDENTITY CASCADE");
});
afterAll(async () => {
  await closeQueues();
});

describe("clustering runs through the worker", () => {
  it("clusters the profiled population, stores everything at once, reproduces with the same seed, and saves clusters as snapshot and live segments", async () => {
    const { groups, objected } = await seed();
    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      const { id } = await createClusterRun({ input: kmeansInput(3), actor });
      const run = await waitForRun(id);
      expect(run.error).toBeNull();
      expect(run.status).toBe("succeeded");
      const r = run.results!;
      expect(run.population).toBe(120);
      expect(r.report.excludedByConsent).toBe(5);
      expect(r.sizes.slice().sort()).toEqual([40, 40, 40]);
      expect(r.elbow.map((e) => e.k)).toEqual([2, 3, 4, 5, 6]);
      expect(r.elbow.every((e) => e.sampled === false)).toBe(true);
      expect(r.silhouette!.score).toBeGreaterThan(0.7);
      expect(r.profiles).toHaveLength(3);
      const labels = await assignments(id);
      expect(labels.size).toBe(120);
      for (const c of objected) expect(labels.has(c)).toBe(false);
      // Each group known by construction is one cluster.
      const clusterOf = groups.map((g) => new Set(g.map((c) => labels.get(c))));
      expect(clusterOf.map((s) => s.size)).toEqual([1, 1, 1]);
      const [high, lapsed] = clusterOf.map((s) => [...s][0]!);
      expect(run.clusterNames[lapsed!]).toMatch(/lapsed/i);
      expect(run.clusterNames[high!]).toMatch(/high spenders/i);

      // Same seed and data → same clusters.
      const again = await waitForRun((await createClusterRun({ input: kmeansInput(3), actor })).id);
      expect([...(await assignments(again.id)).entries()].sort()).toEqual([...labels.entries()].sort());
      const comparison = await compareClusterRuns({ a: id, b: again.id });
      expect(comparison.inBoth).toBe(120);
      expect(comparison.cells).toHaveLength(3);

      // Snapshot: its count equals the cluster size. Live: the centres applied in SQL find the same people.
      const snapshot = await saveClusterSegment({ runId: id, cluster: lapsed!, mode: "snapshot", name: "Lapsed (snapshot)", actor });
      const live = await saveClusterSegment({ runId: id, cluster: lapsed!, mode: "live", name: "Lapsed (live)", actor });
      await waitForSegmentBuilds();
      const members = async (segmentId: string) =>
        (await db.segmentMember.findMany({ where: { segmentId }, select: { customerId: true }, orderBy: { customerId: "asc" } })).map(
          (m) => m.customerId,
        );
      expect((await db.segment.findUniqueOrThrow({ where: { id: snapshot.id } })).memberCount).toBe(r.sizes[lapsed!]);
      expect(await members(snapshot.id)).toEqual(groups[1]);
      expect(await members(live.id)).toEqual(groups[1]);

      // A high spender who lapses: the live segment follows, the snapshot does not.
      const mover = groups[0]![0]!;
      await db.customerFeature.update({ where: { customerId: mover }, data: { recencyDays: 310, frequency: 1, monetary: 35 } });
      await queueSegmentRebuild({ segmentId: live.id });
      await queueSegmentRebuild({ segmentId: snapshot.id });
      await waitForSegmentBuilds();
      expect(await members(live.id)).toEqual([mover, ...groups[1]!].sort((a, b) => a - b));
      expect(await members(snapshot.id)).toEqual(groups[1]);
    } finally {
      await workers.close();
    }
  });

  it("suggests k from the elbow when none is given", async () => {
    await seed();
    const { id } = await createClusterRun({ input: kmeansInput(null), actor });
    await runClusterRun({ runId: id });
    const run = await getClusterRun({ id });
    expect(run.status).toBe("succeeded");
    expect(run.results!.suggestedK).toBe(run.k);
    expect(run.k).toBeGreaterThanOrEqual(2);
  });

  it("applies a PCA run's stored preprocessing and centres live in SQL, and Ward and DBSCAN find the groups on samples", async () => {
    const { groups } = await seed();
    const { id } = await createClusterRun({
      input: { ...kmeansInput(3), preprocessing: { missing: "median", log: ["frequency", "monetary"], scaling: "zscore", pca: 2 } },
      actor,
    });
    await runClusterRun({ runId: id });
    const run = await getClusterRun({ id });
    expect(run.results!.report.explainedVariance).toHaveLength(2);
    const labels = await assignments(id);
    for (let c = 0; c < 3; c++) {
      const rules = (live: boolean) =>
        segmentRulesSchema.parse({
          type: "group",
          op: "and",
          children: [{ type: "condition", kind: "cluster", runId: id, cluster: c, live, model: run.results!.live }],
        });
      const size = [...labels.values()].filter((x) => x === c).length;
      expect((await previewSegment({ rules: rules(false), sampleSize: 0 })).total).toBe(size);
      expect((await previewSegment({ rules: rules(true), sampleSize: 0 })).total).toBe(size);
    }

    for (const algorithm of [
      { kind: "ward", cut: { by: "k", k: 3 }, sampleSize: 60 },
      { kind: "dbscan", eps: 0.5, minPts: 4, sampleSize: 90 },
    ] as const) {
      const other = await createClusterRun({ input: { ...kmeansInput(null), algorithm }, actor });
      await runClusterRun({ runId: other.id });
      const done = await getClusterRun({ id: other.id });
      expect(done.status).toBe("succeeded");
      expect(done.k).toBe(3);
      expect(done.results!.sampleSize).toBe(algorithm.sampleSize);
      expect(algorithm.kind === "ward" ? done.results!.tree!.leaves.length : done.results!.kDistances!.length).toBeGreaterThan(0);
      const got = await assignments(other.id);
      // Everyone, sampled or not, lands in the cluster of their group.
      expect(groups.map((g) => new Set(g.map((c) => got.get(c))).size)).toEqual([1, 1, 1]);
      if (algorithm.kind !== "ward") continue;

      // The stored tree: 40 leaves over the 60 sampled, its cut gives the run's clusters and sizes.
      const tree = done.results!.tree!;
      expect(tree.rows).toBe(60);
      expect(tree.leaves).toHaveLength(40);
      expect(tree.leaves.reduce((s, l) => s + l.size, 0)).toBe(60);
      const drawn = cutTruncatedTree(tree, { by: "k", k: 3 });
      if (!drawn.ok) throw new Error(drawn.message);
      expect(drawn.k).toBe(3);
      // "Cut here" at the height the drawing shows: a new run cut by height gives the same clusters, numbered the same.
      const byHeight = await createClusterRun({
        input: { ...kmeansInput(null), algorithm: { kind: "ward", cut: { by: "height", height: drawn.height }, sampleSize: 60 } },
        actor,
      });
      await runClusterRun({ runId: byHeight.id });
      expect((await getClusterRun({ id: byHeight.id })).k).toBe(3);
      expect([...(await assignments(byHeight.id)).entries()].sort()).toEqual([...got.entries()].sort());
      // A height above the top merge leaves one cluster: the run fails, naming the heights that work, and saves nothing.
      const top = tree.merges.at(-1)!.height;
      const one = await createClusterRun({
        input: { ...kmeansInput(null), algorithm: { kind: "ward", cut: { by: "height", height: top * 2 }, sampleSize: 60 } },
        actor,
      });
      await expect(runClusterRun({ runId: one.id })).rejects.toThrow(/leaves one cluster: cut below/);
      expect((await getClusterRun({ id: one.id })).status).toBe("failed");
      expect(await db.clusterAssignment.count({ where: { runId: one.id } })).toBe(0);
    }

    const preview = await previewKDistances({ input: clusterRunInputSchema.parse(kmeansInput(3)), minPts: 4 });
    expect(preview.sampleSize).toBe(120);
    expect(preview.values[0]).toBeGreaterThanOrEqual(preview.values.at(-1)!);
    // Seeded groups hold identical customers: most 4th-neighbour distances are 0, so no eps is suggested.
    expect(preview.values.at(-1)).toBe(0);
    expect(preview.suggestedEps).toBeNull();
    expect(kneeOf([10, 9, 1, 0.9, 0.8])).toBe(1);
  });

  it("ends bad input as failed with a clear message and nothing saved", async () => {
    const { groups } = await seed();
    const small = await db.segment.create({
      data: { name: "Five", rules: { type: "group", op: "and", children: [] }, buildStatus: "idle" },
    });
    await db.segmentMember.createMany({ data: groups[0]!.slice(0, 5).map((customerId) => ({ segmentId: small.id, customerId })) });
    const tooMany = await createClusterRun({ input: { ...kmeansInput(8), segmentId: small.id }, actor });
    await expect(runClusterRun({ runId: tooMany.id })).rejects.toThrow(/fewer than k = 8/);
    const failed = await getClusterRun({ id: tooMany.id });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/Only 5 customers.*fewer than k = 8/);
    expect(await db.clusterAssignment.count({ where: { runId: tooMany.id } })).toBe(0);

    const flat = await createClusterRun({ input: kmeansInput(3, ["recency_days", "categories"]), actor });
    await expect(runClusterRun({ runId: flat.id })).rejects.toThrow(/Categories bought/);
    expect((await getClusterRun({ id: flat.id })).error).toMatch(/Categories bought.*same value/);

    const empty = await createClusterRun({
      input: {
        ...kmeansInput(3, ["recency_days", "avg_order_value"]),
        preprocessing: { missing: "drop", log: [], scaling: "zscore", pca: null },
      },
      actor,
    });
    await expect(runClusterRun({ runId: empty.id })).rejects.toThrow(/Average order value.*only missing values/);

    await expect(
      createClusterRun({ input: { ...kmeansInput(3), algorithm: { kind: "dbscan", eps: -1, minPts: 5 } }, actor }),
    ).rejects.toThrow(/eps must be more than 0/);
    await expect(createClusterRun({ input: { ...kmeansInput(3), segmentId: "no-such-segment" }, actor })).rejects.toThrow(
      /segment no longer exists/,
    );
  });

  it("cancels a queued run at once and a running one without saving anything", async () => {
    await seed();
    const queued = await createClusterRun({ input: kmeansInput(3), actor });
    expect(await cancelClusterRun({ id: queued.id, actor })).toEqual({ status: "cancelled" });
    expect((await getClusterRun({ id: queued.id })).status).toBe("cancelled");
    await expect(cancelClusterRun({ id: queued.id, actor })).rejects.toThrow(/nothing to cancel/);

    const running = await createClusterRun({ input: kmeansInput(3), actor });
    const controller = new AbortController();
    const result = await runClusterRun({ runId: running.id, signal: controller.signal, onProgress: () => controller.abort() });
    expect(result.status).toBe("cancelled");
    const run = await getClusterRun({ id: running.id });
    expect(run.status).toBe("cancelled");
    expect(run.results).toBeNull();
    expect(await db.clusterAssignment.count({ where: { runId: running.id } })).toBe(0);
  });

  it("marks a run whose worker died as failed instead of leaving its progress bar hanging", async () => {
    const run = await db.clusterRun.create({
      data: { algorithm: "kmeans", params: kmeansInput(3) as object, status: "running", progress: 40 },
    });
    await db.$executeRaw`UPDATE cluster_runs SET updated_at = now() - interval '2 minutes' WHERE id = ${run.id}`;
    const seen = await getClusterRun({ id: run.id });
    expect(seen.status).toBe("failed");
    expect(seen.error).toBe(STALE_MESSAGE);
  });
});
