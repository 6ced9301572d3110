import { db } from "../db";

export interface ConsentMonth {
  /** "2024-03" */
  month: string;
  granted: number;
  denied: number;
  withdrawn: number;
}

/** Consent records per month and status for one purpose, over the last `months` months (empty months included). */
export async function countConsentByMonth(options: { purpose: string; months?: number; timeZone: string }): Promise<ConsentMonth[]> {
  const months = options.months ?? 24;
  return db.$queryRaw<ConsentMonth[]>`
    WITH series AS (
      SELECT generate_series(date_trunc('month', now() AT TIME ZONE ${options.timeZone}) - make_interval(months => ${months - 1}),
                             date_trunc('month', now() AT TIME ZONE ${options.timeZone}), interval '1 month') AS m
    ), counts AS (
      SELECT date_trunc('month', occurred_at AT TIME ZONE ${options.timeZone}) AS m,
             count(*) FILTER (WHERE status = 'granted')::int AS granted,
             count(*) FILTER (WHERE status = 'denied')::int AS denied,
             count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn
      FROM consent_records
      WHERE purpose = ${options.purpose} AND occurred_at >= (SELECT min(m) FROM series) AT TIME ZONE ${options.timeZone}
      GROUP BY 1
    )
    SELECT to_char(s.m, 'YYYY-MM') AS month, coalesce(c.granted, 0) AS granted, coalesce(c.denied, 0) AS denied, coalesce(c.withdrawn, 0) AS withdrawn
    FROM series s LEFT JOIN counts c ON c.m = s.m ORDER BY s.m`;
}

export interface ConsentTotals {
  purpose: string;
  granted: number;
  denied: number;
  withdrawn: number;
  /** Customers without any record for the purpose (the default applies to them). */
  noRecord: number;
}

/** People per current status (latest record) for each purpose, and how many have no record. */
export async function countCurrentConsent(options: { purposes: readonly string[] }): Promise<ConsentTotals[]> {
  const [rows, customers] = await Promise.all([
    db.$queryRaw<{ purpose: string; status: string; n: number }[]>`
      SELECT purpose, status::text, count(*)::int AS n FROM (
        SELECT DISTINCT ON (customer_id, purpose) purpose, status FROM consent_records
        WHERE purpose = ANY(${options.purposes as string[]}) ORDER BY customer_id, purpose, occurred_at DESC, id DESC
      ) latest GROUP BY 1, 2`,
    db.customer.count(),
  ]);
  return options.purposes.map((purpose) => {
    const get = (s: string) => rows.find((r) => r.purpose === purpose && r.status === s)?.n ?? 0;
    const granted = get("granted"),
      denied = get("denied"),
      withdrawn = get("withdrawn");
    return { purpose, granted, denied, withdrawn, noRecord: Math.max(0, customers - granted - denied - withdrawn) };
  });
}
