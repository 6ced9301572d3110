import { db } from "../../db";
import { AppError } from "../../errors";
import type { RunComparison } from "./schemas";

/** How customers moved between two finished runs: a crosstab of their clusters, computed in Postgres. */
export async function compareClusterRuns(opts: { a: string; b: string }): Promise<RunComparison> {
  if (opts.a === opts.b) throw new AppError("unprocessable", "Choose two different runs to compare.");
  const runs = await db.clusterRun.findMany({
    where: { id: { in: [opts.a, opts.b] } },
    select: { id: true, name: true, status: true, clusterNames: true },
  });
  const a = runs.find((r) => r.id === opts.a);
  const b = runs.find((r) => r.id === opts.b);
  for (const [r, id] of [
    [a, opts.a],
    [b, opts.b],
  ] as const) {
    if (!r) throw new AppError("not_found", `There is no clustering run ${id}.`);
    if (r.status !== "succeeded")
      throw new AppError("unprocessable", `Run “${r.name}” has not finished: only finished runs can be compared.`);
  }
  const cells = await db.$queryRaw<{ from: number; to: number; count: bigint }[]>`
    SELECT x.cluster::int AS "from", y.cluster::int AS "to", count(*) AS count
    FROM cluster_assignments x JOIN cluster_assignments y ON y.customer_id = x.customer_id AND y.run_id = ${opts.b}
    WHERE x.run_id = ${opts.a} GROUP BY 1, 2 ORDER BY 1, 2`;
  const [totals] = await db.$queryRaw<{ a: bigint; b: bigint }[]>`
    SELECT (SELECT count(*) FROM cluster_assignments WHERE run_id = ${opts.a}) AS a, (SELECT count(*) FROM cluster_assignments WHERE run_id = ${opts.b}) AS b`;
  const inBoth = cells.reduce((s, c) => s + Number(c.count), 0);
  return {
    a: { id: a!.id, name: a!.name, names: a!.clusterNames },
    b: { id: b!.id, name: b!.name, names: b!.clusterNames },
    cells: cells.map((c) => ({ from: c.from, to: c.to, count: Number(c.count) })),
    onlyInA: Number(totals?.a ?? 0) - inBoth,
    onlyInB: Number(totals?.b ?? 0) - inBoth,
    inBoth,
  };
}
