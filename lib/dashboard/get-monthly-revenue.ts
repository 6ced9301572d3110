import { db } from "../db";

export interface MonthlyRevenue {
  /** First day of the month, "YYYY-MM", in the installation's time zone. */
  month: string;
  purchases: number;
  cancellations: number;
  net: number;
}

/**
 * Revenue per calendar month (in the installation's time zone and currency) for at most `months`
 * months up to the latest order, so historical data sets show their own period. min/max use the
 * placed_at index.
 */
export async function getMonthlyRevenue(options: { timeZone: string; currency: string; months?: number }): Promise<MonthlyRevenue[]> {
  const months = options.months ?? 24;
  return db.$queryRaw<MonthlyRevenue[]>`
    WITH bounds AS (
      SELECT date_trunc('month', max(placed_at) AT TIME ZONE ${options.timeZone}) AS last_month,
             date_trunc('month', min(placed_at) AT TIME ZONE ${options.timeZone}) AS first_month
      FROM orders WHERE currency = ${options.currency}
    ), series AS (
      SELECT generate_series(greatest(first_month, last_month - make_interval(months => ${months - 1})), last_month, interval '1 month') AS month
      FROM bounds WHERE last_month IS NOT NULL
    ), sums AS (
      SELECT date_trunc('month', o.placed_at AT TIME ZONE ${options.timeZone}) AS month,
             sum(o.total) FILTER (WHERE o.kind = 'purchase') AS purchases,
             sum(o.total) FILTER (WHERE o.kind <> 'purchase') AS cancellations,
             sum(o.total) AS net
      FROM orders o, bounds b
      WHERE o.currency = ${options.currency}
        AND o.placed_at >= (b.last_month - make_interval(months => ${months})) AT TIME ZONE ${options.timeZone}
      GROUP BY 1
    )
    SELECT to_char(series.month, 'YYYY-MM') AS month,
           coalesce(sums.purchases, 0)::float8 AS purchases,
           coalesce(-sums.cancellations, 0)::float8 AS cancellations,
           coalesce(sums.net, 0)::float8 AS net
    FROM series LEFT JOIN sums ON sums.month = series.month
    ORDER BY series.month`;
}
