import type pg from "pg";
import { copyLines } from "../../bulk/copy-lines";
import { openPgClient } from "../../bulk/open-pg-client";
import type { ClusterResults } from "./schemas";

/**
 * Saves a finished run in one transaction: every customer's cluster (COPY), the results and the
 * status. A run cancelled meanwhile saves nothing (the final UPDATE finds no row to change and the
 * transaction rolls back), so a run is never half-saved. Returns false when it was cancelled.
 */
export async function storeClusterResults(opts: {
  runId: string;
  customerIds: Int32Array;
  labels: Int16Array;
  results: ClusterResults;
  clusterNames: string[];
  signal?: AbortSignal;
}): Promise<boolean> {
  const client: pg.Client = await openPgClient({ applicationName: "tailor-clustering" });
  try {
    await client.query("BEGIN");
    await client.query("DELETE FROM cluster_assignments WHERE run_id = $1", [opts.runId]);
    const { customerIds, labels, runId } = opts;
    async function* rows() {
      // Every loaded customer but those dropped for a missing value (−2): clusters, noise (−1), never purchased (−3).
      for (let i = 0; i < customerIds.length; i++) if (labels[i]! !== -2) yield [runId, customerIds[i]!, labels[i]!] as const;
    }
    await copyLines({
      client,
      table: "cluster_assignments",
      columns: ["run_id", "customer_id", "cluster"],
      rows: rows(),
      signal: opts.signal,
    });
    const population = opts.results.sizes.reduce((s, x) => s + x, 0) + opts.results.noise;
    const updated = await client.query(
      `UPDATE cluster_runs SET status = 'succeeded', phase = 'done', progress = 100, results = $2::jsonb, k = $3, population = $4,
         cluster_names = $5::text[], finished_at = now(), updated_at = now(), error = NULL
       WHERE id = $1 AND status = 'running' AND cancel_requested_at IS NULL`,
      [runId, JSON.stringify(opts.results), opts.results.k, population, opts.clusterNames],
    );
    if (updated.rowCount !== 1) {
      await client.query("ROLLBACK");
      return false;
    }
    await client.query("COMMIT");
    return true;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}
