import { db } from "../db";

export interface RfmSummary {
  asOf: Date | null;
  population: number;
  /** Customers per score 1–5 (index 0 = score 1). */
  r: number[];
  f: number[];
  m: number[];
  /** Per named segment: customers and net revenue. */
  segments: { name: string; customers: number; revenue: number }[];
  /** R×F grid: cells[r-1][f-1] = customers. */
  cells: number[][];
}

/** What the RFM page and `tailor rfm` show, read from the feature table (one pass per figure set). */
export async function getRfmSummary(): Promise<RfmSummary> {
  const scores = await db.$queryRawUnsafe<{ r: number; f: number; m: number; n: number }[]>(
    `SELECT r_score::int AS r, f_score::int AS f, m_score::int AS m, count(*)::int AS n
     FROM customer_features WHERE r_score IS NOT NULL GROUP BY 1, 2, 3`,
  );
  const segments = await db.$queryRawUnsafe<{ name: string; customers: number; revenue: string }[]>(
    `SELECT rfm_segment AS name, count(*)::int AS customers, sum(monetary)::text AS revenue
     FROM customer_features WHERE rfm_segment IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const [meta] = await db.$queryRawUnsafe<{ as_of: Date | null }[]>(`SELECT max(as_of) AS as_of FROM customer_features`);
  const r = [0, 0, 0, 0, 0];
  const f = [0, 0, 0, 0, 0];
  const m = [0, 0, 0, 0, 0];
  const cells = r.map(() => [0, 0, 0, 0, 0]);
  let population = 0;
  for (const row of scores) {
    r[row.r - 1]! += row.n;
    f[row.f - 1]! += row.n;
    m[row.m - 1]! += row.n;
    cells[row.r - 1]![row.f - 1]! += row.n;
    population += row.n;
  }
  return {
    asOf: meta?.as_of ?? null,
    population,
    r,
    f,
    m,
    cells,
    segments: segments.map((s) => ({ name: s.name, customers: s.customers, revenue: Number(s.revenue) })),
  };
}
