import { db } from "../db";

export interface TopProduct {
  sku: string;
  name: string;
  category: string | null;
  price: number | null;
}

export interface TopProducts {
  /** Best sellers of a category; the overall best sellers for null or an unknown category. */
  forCategory(category: string | null): TopProduct[];
}

const perCategory = 4;
const ttlMs = 10 * 60_000;
let cached: { at: number; value: Promise<TopProducts> } | undefined;

/**
 * Best sellers (by quantity sold) of every category, and overall: one query, cached for ten
 * minutes per process (sends and previews of the same hour share it).
 */
export function loadTopProducts(): Promise<TopProducts> {
  if (!cached || Date.now() - cached.at > ttlMs) {
    const value = query();
    cached = { at: Date.now(), value };
    value.catch(() => (cached = undefined));
  }
  return cached.value;
}

/** Tests that change orders call this. */
export function forgetTopProducts(): void {
  cached = undefined;
}

async function query(): Promise<TopProducts> {
  const rows = await db.$queryRaw<(TopProduct & { rank: number; overall: number })[]>`
    WITH sold AS (
      SELECT p.id, p.sku, p.name, p.category, p.price::float8 AS price, sum(l.quantity) AS qty
      FROM order_lines l JOIN products p ON p.id = l.product_id
      GROUP BY p.id
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY category ORDER BY qty DESC, id)::int AS rank,
                row_number() OVER (ORDER BY qty DESC, id)::int AS overall
      FROM sold
    )
    SELECT sku, name, category, price, rank, overall FROM ranked
    WHERE rank <= ${perCategory} OR overall <= ${perCategory}
    ORDER BY category, rank`;
  const byCategory = new Map<string, TopProduct[]>();
  const overall: (TopProduct & { overall: number })[] = [];
  for (const r of rows) {
    const product = { sku: r.sku, name: r.name, category: r.category, price: r.price };
    if (r.category !== null && r.rank <= perCategory) {
      const list = byCategory.get(r.category) ?? [];
      list.push(product);
      byCategory.set(r.category, list);
    }
    if (r.overall <= perCategory) overall.push({ ...product, overall: r.overall });
  }
  const best = overall.sort((a, b) => a.overall - b.overall).map(({ overall: _, ...p }) => p);
  return { forCategory: (category) => (category !== null && byCategory.get(category)) || best };
}
