import type pg from "pg";
import { SqlParams } from "../../segments/sql-params";
import { endOfDaySql } from "./day-bounds";
import { personalizationAllowedSql } from "./personalization-allowed";

export interface InteractionRows {
  customerIds: Int32Array;
  productIds: Int32Array;
  /** 1 = bought, 0 = viewed only (a tracked product_viewed event whose sku is a known product). */
  bought: Uint8Array;
  /** The first interaction was on or before the cutoff day. */
  beforeCutoff: Uint8Array;
  /** The first purchase fell within the horizon after the cutoff. */
  inHoldout: Uint8Array;
}

/**
 * Each (customer, product) pair with a purchase or a product view up to the end of the data, with
 * when it first happened relative to the cutoff. Customers whose personalization consent is denied
 * are left out.
 */
export async function loadInteractions(
  client: pg.ClientBase,
  opts: { cutoff: string; horizonDays: number; dataEnd: string; timeZone: string },
): Promise<InteractionRows> {
  const p = new SqlParams();
  const tz = p.add(opts.timeZone, "text");
  const cut = endOfDaySql(p.add(opts.cutoff, "text"), tz);
  const end = endOfDaySql(p.add(opts.dataEnd, "text"), tz);
  const horizon = p.add(opts.horizonDays, "int");
  const allowed = personalizationAllowedSql(p);
  const sql = `WITH bounds AS (SELECT ${cut} AS cut, ${end} AS data_end),
     bought AS (
       SELECT o.customer_id, ol.product_id, min(o.placed_at) AS first_at
       FROM orders o JOIN order_lines ol ON ol.order_id = o.id
       WHERE o.kind = 'purchase' AND ol.product_id IS NOT NULL AND o.placed_at < (SELECT data_end FROM bounds)
       GROUP BY 1, 2
     ),
     viewed AS (
       SELECT e.customer_id, pr.id AS product_id, min(e.occurred_at) AS first_at
       FROM events e JOIN products pr ON pr.sku = e.properties->>'sku'
       WHERE e.type = 'product_viewed' AND e.customer_id IS NOT NULL AND e.occurred_at < (SELECT data_end FROM bounds)
       GROUP BY 1, 2
     ),
     pairs AS (
       SELECT coalesce(b.customer_id, v.customer_id) AS customer_id, coalesce(b.product_id, v.product_id) AS product_id,
              b.first_at AS bought_at, least(b.first_at, v.first_at) AS first_at
       FROM bought b FULL JOIN viewed v ON v.customer_id = b.customer_id AND v.product_id = b.product_id
     )
     SELECT x.customer_id, x.product_id, x.bought_at IS NOT NULL,
            x.first_at < (SELECT cut FROM bounds),
            x.bought_at >= (SELECT cut FROM bounds) AND x.bought_at < (SELECT cut FROM bounds) + make_interval(days => ${horizon})
     FROM pairs x JOIN customers c ON c.id = x.customer_id
     WHERE ${allowed}`;
  const result = await client.query<unknown[]>({ text: sql, values: p.values, rowMode: "array" });
  const n = result.rows.length;
  const out: InteractionRows = {
    customerIds: new Int32Array(n),
    productIds: new Int32Array(n),
    bought: new Uint8Array(n),
    beforeCutoff: new Uint8Array(n),
    inHoldout: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = result.rows[i]!;
    out.customerIds[i] = r[0] as number;
    out.productIds[i] = r[1] as number;
    out.bought[i] = r[2] ? 1 : 0;
    out.beforeCutoff[i] = r[3] ? 1 : 0;
    out.inHoldout[i] = r[4] ? 1 : 0;
  }
  return out;
}
