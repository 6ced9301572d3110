import { db } from "../db";

/** A product as templates and the profile show it. */
export interface RecommendedProduct {
  sku: string;
  name: string;
  category: string | null;
  price: number | null;
  url: string | null;
  image_url: string | null;
}

export interface CustomerRecommendations {
  products: RecommendedProduct[];
  /** "model": the item-to-item recommendations of the latest run; "popular": its most popular products (cold start). */
  source: "model" | "popular";
}

/**
 * Each customer's recommended products, best first: the latest recommendations run's list for the
 * customer, or — for a customer it had nothing for (no history, or new since) — that run's most
 * popular products less those the customer bought. Customers whose personalization consent is denied
 * have no scores and get the popular list. No run yet: an empty map. One query for the batch.
 */
export async function loadRecommendations(customerIds: number[]): Promise<Map<number, CustomerRecommendations>> {
  const out = new Map<number, CustomerRecommendations>();
  if (customerIds.length === 0) return out;
  const idList = customerIds.map((id) => Math.trunc(id)).join(",");
  const rows = await db.$queryRaw<{ customer_id: number; source: "model" | "popular"; products: string }[]>`
    WITH ids AS (SELECT DISTINCT unnest(string_to_array(${idList}, ',')::int[]) AS id),
    popular AS (
      SELECT coalesce(array(SELECT jsonb_array_elements_text(r.params -> 'popular')::int), '{}') AS ids
      FROM model_runs r WHERE r.kind = 'recommendations' AND r.status = 'succeeded' ORDER BY r.finished_at DESC LIMIT 1
    ),
    chosen AS (
      SELECT i.id,
             CASE WHEN cardinality(s.recommended_product_ids) > 0 THEN 'model' ELSE 'popular' END AS source,
             CASE WHEN cardinality(s.recommended_product_ids) > 0 THEN s.recommended_product_ids
                  ELSE array(SELECT pid FROM unnest(p.ids) WITH ORDINALITY u(pid, ord)
                             WHERE NOT EXISTS (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id
                                               WHERE o.customer_id = i.id AND o.kind = 'purchase' AND l.product_id = u.pid)
                             ORDER BY u.ord) END AS product_ids
      FROM ids i CROSS JOIN popular p LEFT JOIN customer_scores s ON s.customer_id = i.id
    )
    SELECT c.id AS customer_id, c.source,
           coalesce((SELECT json_agg(json_build_object('sku', pr.sku, 'name', pr.name, 'category', pr.category,
                       'price', pr.price::float8, 'url', pr.url, 'image_url', pr.image_url) ORDER BY u.ord)
                     FROM unnest(c.product_ids) WITH ORDINALITY u(pid, ord) JOIN products pr ON pr.id = u.pid), '[]')::text AS products
    FROM chosen c`;
  for (const r of rows) out.set(r.customer_id, { source: r.source, products: JSON.parse(r.products) as RecommendedProduct[] });
  return out;
}
