import { openPgClient } from "../../bulk/open-pg-client";
import { featureValueSql, populationSql, PURCHASED_SQL, SqlParams } from "./population-sql";

export interface ClusterData {
  customerIds: Int32Array;
  /** Row-major, rows × features.length, NaN where missing. */
  values: Float64Array;
  /** 1 when the customer has purchased (at least one order counted in their features), else 0. */
  purchased: Uint8Array;
  rows: number;
  excludedByConsent: number;
}

const BATCH = 50_000;

/**
 * Reads the chosen features of a run's population straight into typed arrays, in batches by customer
 * id (keyset), as rows of plain numbers: never one object per customer for the whole population.
 */
export async function loadClusterData(opts: {
  segmentId: string | null;
  features: string[];
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number) => void | Promise<void>;
}): Promise<ClusterData> {
  const client = await openPgClient({ applicationName: "tailor-clustering" });
  try {
    const countParams = new SqlParams();
    const excludedParams = new SqlParams();
    const [{ rows: total }, { rows: excluded }] = [
      await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${populationSql({ segmentId: opts.segmentId, params: countParams, profiled: true })}`,
        countParams.values,
      ),
      await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${populationSql({ segmentId: opts.segmentId, params: excludedParams, profiled: false })}`,
        excludedParams.values,
      ),
    ];
    const expected = Number(total[0]?.n ?? 0);
    const d = opts.features.length;
    let customerIds = new Int32Array(expected);
    let values = new Float64Array(expected * d);
    let purchased = new Uint8Array(expected);
    let rows = 0;
    let after = 0;
    for (;;) {
      opts.signal?.throwIfAborted();
      const params = new SqlParams();
      const select = opts.features.map((k) => featureValueSql(k, params)).join(", ");
      const from = populationSql({ segmentId: opts.segmentId, params, profiled: true });
      const sql = `SELECT c.id, ${select}, ${PURCHASED_SQL} FROM ${from} AND c.id > ${params.add(after, "int")} ORDER BY c.id LIMIT ${BATCH}`;
      const result = await client.query({ text: sql, values: params.values, rowMode: "array" });
      const batch = result.rows as (number | null)[][];
      if (batch.length === 0) break;
      if (rows + batch.length > customerIds.length) {
        // Customers added since the count: grow the arrays.
        const grown = Math.max(rows + batch.length, Math.ceil(customerIds.length * 1.25));
        const ids = new Int32Array(grown);
        ids.set(customerIds);
        customerIds = ids;
        const v = new Float64Array(grown * d);
        v.set(values);
        values = v;
        const p = new Uint8Array(grown);
        p.set(purchased);
        purchased = p;
      }
      for (const row of batch) {
        customerIds[rows] = row[0] as number;
        for (let j = 0; j < d; j++) {
          const x = row[j + 1];
          values[rows * d + j] = x === null || x === undefined ? NaN : Number(x);
        }
        purchased[rows] = row[d + 1] ? 1 : 0;
        rows++;
      }
      after = batch[batch.length - 1]![0] as number;
      await opts.onProgress?.(rows, Math.max(expected, rows));
      if (batch.length < BATCH) break;
    }
    return {
      customerIds: customerIds.subarray(0, rows),
      values: values.subarray(0, rows * d),
      purchased: purchased.subarray(0, rows),
      rows,
      excludedByConsent: Number(excluded[0]?.n ?? 0),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
