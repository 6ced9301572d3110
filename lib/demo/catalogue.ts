import { CATEGORIES, PRODUCTS_PER_CATEGORY } from "./catalogue-data";
import { cumulate, hashSeed, Rng } from "./prng";

export interface DemoProduct {
  id: number;
  sku: string;
  name: string;
  category: string;
  categoryIndex: number;
  pricePence: number;
}

export interface Catalogue {
  products: readonly DemoProduct[];
  /** Running popularity over all products (a Zipf-like long tail). */
  popularity: Float64Array;
  /** The same within each category, indexed like CATEGORIES; values are indices into `products`. */
  byCategory: readonly { indices: readonly number[]; popularity: Float64Array }[];
  /** Running popularity of the categories (for a customer's favourite). */
  categoryPopularity: Float64Array;
}

/** Shop-like prices: x.99 mostly, some x.49 and round pounds. */
function pricePence(rng: Rng, min: number, max: number): number {
  const pounds = Math.floor(Math.exp(Math.log(min / 100) + rng.next() * Math.log(max / min)));
  const ending = rng.pick([99, 99, 99, 49, 0]);
  return Math.max(min, pounds * 100 + ending);
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function buildCatalogue(seed: number): Catalogue {
  const rng = new Rng(hashSeed(seed, 0xca7a));
  const products: DemoProduct[] = [];
  CATEGORIES.forEach((category, categoryIndex) => {
    const names = category.adjectives.flatMap((a) => category.nouns.map((n) => `${a} ${n}`));
    shuffled(rng, names)
      .slice(0, PRODUCTS_PER_CATEGORY)
      .forEach((name, i) => {
        products.push({
          id: products.length + 1,
          sku: `${category.skuPrefix}-${String(i + 1).padStart(3, "0")}`,
          name,
          category: category.name,
          categoryIndex,
          pricePence: pricePence(rng, category.minPence, category.maxPence),
        });
      });
  });
  const ranks = shuffled(
    rng,
    products.map((_, i) => i + 1),
  );
  const weights = products.map((_, i) => 1 / (ranks[i] ?? 1) ** 0.9);
  const byCategory = CATEGORIES.map((_, c) => {
    const indices = products.flatMap((p, i) => (p.categoryIndex === c ? [i] : []));
    return { indices, popularity: cumulate(indices.map((i) => weights[i] ?? 0)) };
  });
  const categoryWeights = byCategory.map((c) => c.indices.reduce((sum, i) => sum + (weights[i] ?? 0), 0));
  return { products, popularity: cumulate(weights), byCategory, categoryPopularity: cumulate(categoryWeights) };
}

/** A product: from the favourite category half the time, else by overall popularity. */
export function pickProduct(rng: Rng, catalogue: Catalogue, favouriteCategory: number): DemoProduct {
  let index = rng.weighted(catalogue.popularity);
  const favourite = catalogue.byCategory[favouriteCategory];
  if (favourite && rng.chance(0.5)) index = favourite.indices[rng.weighted(favourite.popularity)] ?? index;
  const product = catalogue.products[index];
  if (!product) throw new Error(`pickProduct: no product at ${index}`);
  return product;
}
