import { featureValueSql, PROFILING_PURPOSE, PURCHASED_SQL } from "../../../clustering/runs/population-sql";
import { NEVER_PURCHASED, NOISE } from "../../../clustering/runs/schemas";
import { badCondition, scopeFilters } from "../../condition-sql";
import { consentAllowsSql } from "../../consent-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { ClusterCondition } from "./schema";

/**
 * "In cluster X of run R". Snapshot: the run's stored assignment (a set), for a cluster, the noise
 * (−1) or the customers kept apart as never purchased (−3). Live: the run's
 * preprocessing (fill, log1p of values clipped at 0, centre and scale, optional PCA) and centres
 * applied in SQL to each customer's current features; the customer is in X when X's centre is the
 * nearest (squared distance, ties to the lower cluster number, as the run assigned them) and may be
 * profiled (the "personalization" consent, as for the run). Every number is a parameter.
 */
export function clusterSql(cond: ClusterCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  if (!cond.live) {
    const where = [
      `ca.run_id = ${p.add(cond.runId, "text")}`,
      `ca.cluster = ${p.add(cond.cluster, "int")}`,
      ...scopeFilters(ctx, "ca.customer_id"),
    ];
    const assigned = `SELECT ca.customer_id FROM cluster_assignments ca WHERE ${where.join(" AND ")}`;
    const group = cond.cluster === NEVER_PURCHASED ? "the never-purchased group" : cond.cluster === NOISE ? "the noise" : "the cluster";
    return {
      on: "subquery",
      set: { sql: assigned, negated: false },
      value: `(CASE WHEN c.id IN (${assigned}) THEN 'in ${group}' ELSE 'not in ${group}' END)`,
    };
  }
  if (cond.cluster === NEVER_PURCHASED || cond.cluster === NOISE)
    badCondition(
      ctx,
      `${cond.cluster === NEVER_PURCHASED ? "“Never purchased”" : "the noise"} has no centre: choose “as the run put them (snapshot)”.`,
    );
  const model = cond.model;
  if (!model) badCondition(ctx, "a live cluster condition needs the run's centres: make it from the run's page (Save as segment → live).");
  if (cond.cluster < 0 || cond.cluster >= model.centres.length) badCondition(ctx, `the run has clusters 1 to ${model.centres.length}.`);
  const num = (x: number) => `${p.add(x)}::float8`;
  const cols = model.preprocess.columns;
  const dims = model.preprocess.pca ? model.preprocess.pca.components.length : cols.length;
  if (model.centres.some((c) => c.length !== dims)) badCondition(ctx, "the run's centres do not match its preprocessing.");
  // x_j: the scaled feature.
  const x = cols.map((col, j) => {
    const raw = featureValueSql(col.key, p);
    const filled = col.fill === null ? raw : `coalesce(${raw}, ${num(col.fill)})`;
    const logged = col.log ? `ln(1 + greatest(${filled}, 0))` : filled;
    return `(${logged} - ${num(col.centre)}) / ${num(col.scale)} AS x${j}`;
  });
  const pca = model.preprocess.pca;
  const z = pca
    ? pca.components.map((comp, c) => `${comp.map((w, j) => `(t.x${j} - ${num(pca.mean[j] ?? 0)}) * ${num(w)}`).join(" + ")} AS z${c}`)
    : cols.map((_, j) => `t.x${j} AS z${j}`);
  const dist = model.centres.map((centre, i) => `(${i}, ${centre.map((v, j) => `(v.z${j} - ${num(v)}) ^ 2`).join(" + ")})`);
  const nearest = `(SELECT d.cluster FROM (SELECT ${z.join(", ")} FROM (SELECT ${x.join(", ")}) t) v CROSS JOIN LATERAL (VALUES ${dist.join(", ")}) d(cluster, dist) WHERE d.dist IS NOT NULL ORDER BY d.dist, d.cluster LIMIT 1)`;
  // Like the run itself, never profile those who objected to it.
  const allowed = consentAllowsSql(PROFILING_PURPOSE, p, undefined, ctx.scope?.("customer_id"));
  // A run that kept customers who never purchased apart never puts them in a cluster.
  const purchasers = model.purchasersOnly ? ` AND ${PURCHASED_SQL}` : "";
  return {
    on: "subquery",
    test: `${allowed}${purchasers} AND ${nearest} = ${p.add(cond.cluster, "int")}`,
    value: `('cluster ' || (${nearest} + 1)::text)`,
    readsFeatures: true,
  };
}
