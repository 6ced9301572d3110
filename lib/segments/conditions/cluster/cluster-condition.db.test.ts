import { describe, expect, it } from "vitest";
import { Rng } from "../../../demo/prng";
import { db } from "../../../db";
import { NEVER_PURCHASED, NOISE, type LiveClusterModel } from "../../../clustering/runs/schemas";
import { SEGMENT_FROM, compileRules } from "../../compile-rules";
import { previewSegment } from "../../preview-segment";
import { segmentRulesSchema, type RuleNode, type SegmentRules } from "../../schemas";
import { SqlParams } from "../../sql-params";
import { conditionDefinitions } from "../registry";
import type { RefData } from "../types";
import { insertFuzzData } from "../../../../test/insert-segment-fuzz-data";
import { PROP_KEYS, randomData, REF } from "../../../../test/segment-fuzz-data";
import { referenceMembers } from "../../../../test/segment-reference";

const SEGMENTS = ["seg-a"];
/** A run id with a quote in it: ids reach the SQL as parameters only. */
const RUN = "run-'1";
const K = 3;
const DATASETS = 8;
const RULES_PER_DATASET = 40;

/**
 * What a run with "never purchased: separate" stores: customers who may be profiled, those who never
 * purchased as −3, the rest in a cluster or (now and then) the noise; some customers in no run.
 */
function randomAssignments(data: RefData, rng: Rng): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of data.customers) {
    if (rng.chance(0.15)) continue;
    const purchased = (data.features.get(c.id)?.frequency as number | undefined) ?? 0;
    out.set(c.id, purchased > 0 ? (rng.chance(0.1) ? NOISE : rng.int(0, K - 1)) : NEVER_PURCHASED);
  }
  return out;
}

/** A live model over purchase features, an attribute and a score, with or without PCA. */
function randomModel(rng: Rng): LiveClusterModel {
  const columns = [
    { key: "frequency", fill: null, log: true, centre: 1.2, scale: 0.7 },
    { key: "monetary", fill: rng.chance(0.5) ? 400 : null, log: rng.chance(0.5), centre: 900, scale: 1400 },
    { key: "r_score", fill: rng.chance(0.7) ? 3 : null, log: false, centre: 3, scale: 1.4 },
    { key: `attr:${rng.pick(PROP_KEYS)}`, fill: rng.chance(0.7) ? 5 : null, log: false, centre: 5, scale: 3 },
  ];
  const dims = rng.chance(0.4) ? 2 : columns.length;
  const r = () => Math.round((rng.next() * 4 - 2) * 1000) / 1000;
  const pca =
    dims < columns.length
      ? { mean: columns.map(() => r() / 4), components: Array.from({ length: dims }, () => columns.map(() => r() / 2)) }
      : null;
  return {
    preprocess: { columns, pca },
    centres: Array.from({ length: K }, () => Array.from({ length: dims }, r)),
    purchasersOnly: rng.chance(0.6),
  };
}

function randomClusterRules(rng: Rng, model: LiveClusterModel, depth = 0): SegmentRules {
  const condition = (): RuleNode => {
    const roll = rng.next();
    if (roll < 0.45)
      return {
        type: "condition",
        kind: "cluster",
        runId: RUN,
        cluster: rng.pick([0, 1, 2, NOISE, NEVER_PURCHASED, NEVER_PURCHASED]),
        live: false,
      };
    if (roll < 0.75) return { type: "condition", kind: "cluster", runId: RUN, cluster: rng.int(0, K - 1), live: true, model };
    if (roll < 0.9) return { type: "condition", kind: "consent", purpose: "personalization", allowed: rng.chance(0.5) };
    return { type: "condition", kind: "segment", segmentId: SEGMENTS[0]!, in: rng.chance(0.5) };
  };
  return {
    type: "group",
    op: rng.chance(0.5) ? "and" : "or",
    ...(rng.chance(0.3) ? { not: true } : {}),
    children: Array.from({ length: rng.int(1, 3) }, () =>
      depth < 1 && rng.chance(0.3) ? randomClusterRules(rng, model, depth + 1) : condition(),
    ),
  };
}

async function insertRun(assignments: Map<number, number>): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM cluster_runs WHERE id = $1`, RUN);
  await db.$executeRawUnsafe(
    `INSERT INTO cluster_runs (id, name, algorithm, params, status, k, cluster_names) VALUES ($1, 'Fuzz run', 'kmeans', '{}', 'succeeded', $2, $3::text[])`,
    RUN,
    K,
    ["Loyal big spenders", "One-time buyers", "Lapsed"],
  );
  for (const [customerId, cluster] of assignments)
    await db.$executeRawUnsafe(
      `INSERT INTO cluster_assignments (run_id, customer_id, cluster) VALUES ($1, $2, $3)`,
      RUN,
      customerId,
      cluster,
    );
}

async function sqlMembers(rules: SegmentRules, form: "where" | "filter", only?: number[]): Promise<number[]> {
  const params = new SqlParams();
  const ids = only ? params.add(only) : "";
  const compiled = compileRules(rules, { ref: REF, params, scope: only ? (col) => `${col} = ANY(${ids}::int[])` : undefined });
  const where = only ? `c.id = ANY(${ids}::int[]) AND (${compiled[form]})` : compiled[form];
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT c.id FROM ${SEGMENT_FROM} WHERE ${where} ORDER BY c.id`,
    ...compiled.params.values,
  );
  return rows.map((r) => r.id);
}

describe("cluster conditions", () => {
  it(`agree with their reference semantics on ${DATASETS * RULES_PER_DATASET} random rules: clusters, the noise and the never-purchased group, snapshot and live`, async () => {
    let nonTrivial = 0;
    let neverPurchasedSeen = 0;
    let liveMatches = 0;
    for (let d = 0; d < DATASETS; d++) {
      const rng = new Rng(7000 + d);
      const data = randomData(7000 + d, SEGMENTS);
      const assignments = randomAssignments(data, rng);
      data.clusterAssignments = new Map([[RUN, assignments]]);
      await insertFuzzData(data, SEGMENTS);
      await insertRun(assignments);
      const model = randomModel(rng);
      for (let cluster = 0; cluster < K; cluster++) {
        const alone = {
          type: "group",
          op: "and",
          children: [{ type: "condition", kind: "cluster", runId: RUN, cluster, live: true, model }],
        };
        liveMatches += referenceMembers(data, segmentRulesSchema.parse(alone), REF).length;
      }
      for (let r = 0; r < RULES_PER_DATASET; r++) {
        const rules = segmentRulesSchema.parse(randomClusterRules(rng, model));
        const expected = referenceMembers(data, rules, REF);
        const label = `data seed ${7000 + d}, rule ${r}: ${JSON.stringify(rules)}`;
        if (expected.length > 0 && expected.length < data.customers.length) nonTrivial++;
        if (JSON.stringify(rules).includes(`"cluster":${NEVER_PURCHASED}`)) neverPurchasedSeen++;
        expect(await sqlMembers(rules, "filter"), label).toEqual(expected);
        expect(await sqlMembers(rules, "where"), `never-null form, ${label}`).toEqual(expected);
        const only = data.customers.filter((c) => c.id % 2 === r % 2).map((c) => c.id);
        expect(await sqlMembers(rules, "filter", only), `scoped, ${label}`).toEqual(expected.filter((id) => only.includes(id)));
        if (r % 5 === 0) expect((await previewSegment({ rules, now: REF })).total, `preview count, ${label}`).toBe(expected.length);
      }
    }
    expect(nonTrivial).toBeGreaterThan(DATASETS * RULES_PER_DATASET * 0.3);
    expect(neverPurchasedSeen).toBeGreaterThan(DATASETS * 5);
    // The live form must put customers in clusters, or its checks would prove little.
    expect(liveMatches).toBeGreaterThan(DATASETS * 3);
  }, 240_000);

  it("count the never-purchased group as the run stored it, and everyone else when it is excluded", async () => {
    const rng = new Rng(42);
    const data = randomData(42, SEGMENTS);
    const assignments = randomAssignments(data, rng);
    await insertFuzzData(data, SEGMENTS);
    await insertRun(assignments);
    const never = [...assignments.values()].filter((c) => c === NEVER_PURCHASED).length;
    expect(never).toBeGreaterThan(0);
    const group = {
      type: "condition",
      kind: "cluster",
      runId: RUN,
      cluster: NEVER_PURCHASED,
      live: false,
      label: "Never purchased",
    } as const;
    const count = async (rules: unknown) => (await previewSegment({ rules: segmentRulesSchema.parse(rules), now: REF })).total;
    expect(await count({ type: "group", op: "and", children: [group] })).toBe(never);
    expect(await count({ type: "group", op: "and", not: true, children: [group] })).toBe(data.customers.length - never);
    // Described as what it is: never as buyers or a cluster.
    const text = conditionDefinitions.cluster.describe(
      segmentRulesSchema.parse({ type: "group", op: "and", children: [group] }).children[0] as never,
    );
    expect(text).toBe(
      `Was put in the group “Never purchased” (customers with no purchase when the run was made) of clustering run ${RUN} (snapshot)`,
    );
    // The group has no centre: a live condition on it is refused with what to choose instead.
    await expect(count({ type: "group", op: "and", children: [{ ...group, live: true }] })).rejects.toThrow(
      /has no centre: choose “as the run put them \(snapshot\)”/,
    );
  });
});
