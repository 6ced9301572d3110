import type pg from "pg";
import { SqlParams } from "../../segments/sql-params";
import { personalizationAllowedSql } from "./personalization-allowed";

export interface CustomerRfm {
  customerIds: Int32Array;
  /** Repeat purchase days (distinct local days with a purchase, minus the first) up to the calibration end. */
  frequency: Float64Array;
  /** Days from the first to the last purchase day. */
  recency: Float64Array;
  /** Days from the first purchase day to the calibration end (inclusive end). */
  T: Float64Array;
  /** Average value of the repeat purchase days (0 without repeats). */
  monetary: Float64Array;
  /** Purchase days after the calibration end, up to the observation end. */
  holdout: Float64Array;
}

/**
 * Every customer's (frequency, recency, T, monetary) summary with the usual conventions: purchases
 * de-duplicated per local day, frequency = repeat purchase days, recency and T in days from the first
 * purchase day, T to the calibration end day (inclusive); monetary is the mean value of the repeat
 * days. Customers whose first purchase is after the calibration end are left out, and so are those
 * whose personalization consent is denied.
 */
export async function loadRfmSummary(
  client: pg.ClientBase,
  opts: { calibrationEnd: string; observationEnd: string; timeZone: string },
): Promise<CustomerRfm> {
  const p = new SqlParams();
  const cal = p.add(opts.calibrationEnd, "text");
  const obs = p.add(opts.observationEnd, "text");
  const tz = p.add(opts.timeZone, "text");
  const allowed = personalizationAllowedSql(p);
  const sql = `WITH d AS (
       SELECT o.customer_id, (o.placed_at AT TIME ZONE ${tz})::date AS day, sum(o.total)::float8 AS value
       FROM orders o JOIN customers c ON c.id = o.customer_id
       WHERE o.kind = 'purchase' AND o.placed_at < ((${obs}::date + 1)::timestamp AT TIME ZONE ${tz}) AND ${allowed}
       GROUP BY 1, 2
     ),
     f AS (SELECT customer_id, min(day) AS first_day FROM d GROUP BY 1)
     SELECT d.customer_id,
            (count(*) FILTER (WHERE d.day <= ${cal}::date) - 1)::float8,
            (max(d.day) FILTER (WHERE d.day <= ${cal}::date) - f.first_day)::float8,
            (${cal}::date - f.first_day)::float8,
            coalesce(avg(d.value) FILTER (WHERE d.day <= ${cal}::date AND d.day > f.first_day), 0)::float8,
            (count(*) FILTER (WHERE d.day > ${cal}::date))::float8
     FROM d JOIN f ON f.customer_id = d.customer_id
     WHERE f.first_day <= ${cal}::date
     GROUP BY d.customer_id, f.first_day
     ORDER BY d.customer_id`;
  const result = await client.query<number[]>({ text: sql, values: p.values, rowMode: "array" });
  const n = result.rows.length;
  const out: CustomerRfm = {
    customerIds: new Int32Array(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    holdout: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = result.rows[i]!;
    out.customerIds[i] = r[0]!;
    out.frequency[i] = r[1]!;
    out.recency[i] = r[2]!;
    out.T[i] = r[3]!;
    out.monetary[i] = r[4]!;
    out.holdout[i] = r[5]!;
  }
  return out;
}
