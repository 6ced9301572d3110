/** Customer–item interactions (a purchase or a product view), customers and items numbered from 0. */
export interface Interactions {
  customers: number;
  items: number;
  customer: Int32Array;
  item: Int32Array;
}

/** For each item, its most similar items (cosine of their customer sets), and every item's popularity. */
export interface ItemSimilarity {
  items: number;
  /** neighbours of item i: neighbour[offsets[i]..offsets[i+1]], best first. */
  offsets: Int32Array;
  neighbour: Int32Array;
  similarity: Float32Array;
  /** Distinct customers per item. */
  popularity: Float64Array;
  /** Items by popularity, most popular first (the cold-start fallback). */
  popular: Int32Array;
}

/** Compressed rows: for each of `groups` keys, the distinct values paired with it. */
function groupDistinct(groups: number, keys: Int32Array, values: Int32Array): { offsets: Int32Array; values: Int32Array } {
  const counts = new Int32Array(groups + 1);
  for (let k = 0; k < keys.length; k++) counts[keys[k]! + 1]!++;
  for (let g = 0; g < groups; g++) counts[g + 1]! += counts[g]!;
  const out = new Int32Array(keys.length);
  const fill = counts.slice(0, groups);
  for (let k = 0; k < keys.length; k++) out[fill[keys[k]!]!++] = values[k]!;
  // Sort each group's values and drop repeats.
  const offsets = new Int32Array(groups + 1);
  let w = 0;
  for (let g = 0; g < groups; g++) {
    const part = out.subarray(counts[g]!, counts[g + 1]!).sort();
    offsets[g] = w;
    for (let k = 0; k < part.length; k++) if (k === 0 || part[k]! !== part[k - 1]!) out[w++] = part[k]!;
  }
  offsets[groups] = w;
  return { offsets, values: out.slice(0, w) };
}

/**
 * Item-to-item collaborative filtering from co-occurrence: sim(i, j) = |C(i) ∩ C(j)| / √(|C(i)|·|C(j)|)
 * over the customers C who interacted with each item, keeping each item's `neighbours` best.
 * Customers with more than `maxBasket` items count only their first `maxBasket` (by item number)
 * towards pairs, which bounds the quadratic cost of a few very large baskets.
 */
export function buildItemSimilarity(data: Interactions, options: { neighbours?: number; maxBasket?: number } = {}): ItemSimilarity {
  const keep = options.neighbours ?? 50;
  const maxBasket = options.maxBasket ?? 500;
  const byCustomer = groupDistinct(data.customers, data.customer, data.item);
  const byItem = groupDistinct(data.items, data.item, data.customer);
  const popularity = new Float64Array(data.items);
  for (let i = 0; i < data.items; i++) popularity[i] = byItem.offsets[i + 1]! - byItem.offsets[i]!;
  const co = new Float64Array(data.items);
  const touched = new Int32Array(data.items);
  const offsets = new Int32Array(data.items + 1);
  const neighbour: number[] = [];
  const similarity: number[] = [];
  for (let i = 0; i < data.items; i++) {
    let t = 0;
    for (let k = byItem.offsets[i]!; k < byItem.offsets[i + 1]!; k++) {
      const c = byItem.values[k]!;
      const end = Math.min(byCustomer.offsets[c + 1]!, byCustomer.offsets[c]! + maxBasket);
      for (let m = byCustomer.offsets[c]!; m < end; m++) {
        const j = byCustomer.values[m]!;
        if (j === i) continue;
        if (co[j]! === 0) touched[t++] = j;
        co[j]!++;
      }
    }
    const candidates: { j: number; s: number }[] = [];
    for (let k = 0; k < t; k++) {
      const j = touched[k]!;
      candidates.push({ j, s: co[j]! / Math.sqrt(popularity[i]! * popularity[j]!) });
      co[j] = 0;
    }
    candidates.sort((x, y) => y.s - x.s || x.j - y.j);
    offsets[i] = neighbour.length;
    for (const c of candidates.slice(0, keep)) {
      neighbour.push(c.j);
      similarity.push(c.s);
    }
  }
  offsets[data.items] = neighbour.length;
  const popular = Int32Array.from({ length: data.items }, (_, i) => i).sort((a, b) => popularity[b]! - popularity[a]! || a - b);
  return {
    items: data.items,
    offsets,
    neighbour: Int32Array.from(neighbour),
    similarity: Float32Array.from(similarity),
    popularity,
    popular,
  };
}

export interface Recommendation {
  item: number;
  score: number;
  source: "similar" | "popular";
}

/**
 * The `count` best items for a customer: summed similarity to what they interacted with, then the
 * most popular items for the places left (cold start). Items in `exclude` (what they bought) never appear.
 */
export function recommendItems(
  model: ItemSimilarity,
  options: { seen: ArrayLike<number>; exclude: ArrayLike<number>; count?: number },
): Recommendation[] {
  const count = options.count ?? 10;
  const excluded = new Set<number>(Array.from(options.exclude));
  const scores = new Map<number, number>();
  for (let k = 0; k < options.seen.length; k++) {
    const i = options.seen[k]!;
    if (i < 0 || i >= model.items) continue;
    for (let m = model.offsets[i]!; m < model.offsets[i + 1]!; m++) {
      const j = model.neighbour[m]!;
      if (excluded.has(j)) continue;
      scores.set(j, (scores.get(j) ?? 0) + model.similarity[m]!);
    }
  }
  const out: Recommendation[] = [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, count)
    .map(([item, score]) => ({ item, score, source: "similar" as const }));
  const chosen = new Set(out.map((r) => r.item));
  for (let k = 0; k < model.popular.length && out.length < count; k++) {
    const item = model.popular[k]!;
    if (excluded.has(item) || chosen.has(item)) continue;
    out.push({ item, score: 0, source: "popular" });
  }
  return out;
}

/** The popularity baseline: the most popular items the customer has not bought. */
export function recommendPopular(model: ItemSimilarity, options: { exclude: ArrayLike<number>; count?: number }): Recommendation[] {
  return recommendItems(model, { seen: [], exclude: options.exclude, count: options.count });
}

/**
 * Hit rate @k on a time split: the share of customers (with history before the split and a new item
 * after it) for whom at least one of the k recommendations is among the items they bought afterwards.
 */
export function hitRateAtK(options: { recommend: (customer: number) => Recommendation[]; holdout: Map<number, Set<number>> }): {
  hitRate: number;
  customers: number;
  hits: number;
} {
  let hits = 0;
  for (const [customer, bought] of options.holdout) if (options.recommend(customer).some((r) => bought.has(r.item))) hits++;
  const customers = options.holdout.size;
  return { hitRate: customers > 0 ? hits / customers : NaN, customers, hits };
}
