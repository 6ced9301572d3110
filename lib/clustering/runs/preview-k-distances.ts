import { db } from "../../db";
import { AppError } from "../../errors";
import { kDistances } from "../algorithms/dbscan";
import { preprocess } from "../algorithms/preprocess";
import { featureValueSql, populationSql, PURCHASED_SQL, SqlParams } from "./population-sql";
import { describeClusterFeature, type ClusterRunInput, type KDistancePreview } from "./schemas";

/** Customers the form's k-distance chart is drawn from (O(n²): a couple of thousand answer at once). */
export const PREVIEW_SAMPLE = 2000;
const POINTS = 200;

/** The knee: the point farthest from the straight line joining the curve's ends. */
export function kneeOf(values: number[]): number | null {
  const n = values.length;
  if (n < 3) return null;
  const [x1, y1, x2, y2] = [0, values[0]!, n - 1, values[n - 1]!];
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  let best = -1;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs((y2 - y1) * i - (x2 - x1) * values[i]! + x2 * y1 - y2 * x1) / len;
    if (d > best) [best, at] = [d, i];
  }
  return values[at]!;
}

/**
 * The k-distance chart for choosing DBSCAN's eps in the form, on a seeded sample of the population
 * with the form's preprocessing (the same steps the run will apply).
 */
export async function previewKDistances(opts: { input: ClusterRunInput; minPts: number }): Promise<KDistancePreview> {
  const { input } = opts;
  const params = new SqlParams();
  const select = input.features.map((k, j) => `${featureValueSql(k, params)} AS f${j}`).join(", ");
  const seed = params.add(String(input.seed), "text");
  // Customers who never purchased are kept apart by the run (unless it clusters them with the rest): not sampled either.
  const purchasers = input.preprocessing.neverPurchased === "separate" ? ` AND ${PURCHASED_SQL}` : "";
  const sql = `SELECT ${select} FROM ${populationSql({ segmentId: input.segmentId, params, profiled: true })}${purchasers} ORDER BY md5(c.id::text || ${seed}) LIMIT ${PREVIEW_SAMPLE}`;
  const rows = await db.$queryRawUnsafe<Record<string, number | null>[]>(sql, ...params.values);
  const d = input.features.length;
  const values = new Float64Array(rows.length * d);
  rows.forEach((row, i) =>
    input.features.forEach((_, j) => {
      const v = row[`f${j}`];
      values[i * d + j] = v === null || v === undefined ? NaN : Number(v);
    }),
  );
  if (rows.length <= opts.minPts)
    throw new AppError("unprocessable", `Only ${rows.length} customers here: fewer than minPts (${opts.minPts}).`, { field: "minPts" });
  const columns = input.features.map((key) => ({ key, skewed: describeClusterFeature(key).skewed }));
  let pre;
  try {
    pre = preprocess({ columns, values, rows: rows.length }, { ...input.preprocessing, pca: input.preprocessing.pca ?? undefined });
  } catch (e) {
    if (e instanceof AppError)
      throw new AppError(
        "unprocessable",
        input.features.reduce((m, key) => m.replaceAll(`“${key}”`, `“${describeClusterFeature(key).label}”`), e.message),
      );
    throw e;
  }
  const sorted = Array.from(kDistances(pre.matrix, opts.minPts)).sort((a, b) => b - a);
  const step = Math.max(1, Math.ceil(sorted.length / POINTS));
  const thinned = sorted.filter((_, i) => i % step === 0);
  const knee = kneeOf(thinned);
  return {
    values: thinned,
    sampleSize: rows.length, // eps must be above 0: with many identical customers the knee can sit at 0.
    suggestedEps: knee === null || knee <= 0 ? null : Number(knee.toPrecision(3)),
  };
}
