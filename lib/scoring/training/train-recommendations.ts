import { AppError } from "../../errors";
import { buildItemSimilarity, hitRateAtK, recommendItems, recommendPopular, type ItemSimilarity } from "../models/co-purchase";
import { addDays } from "../data/day-bounds";
import { loadInteractions, type InteractionRows } from "../data/load-interactions";
import type { TrainingContext, TrainingResult } from "./training-context";

const COUNT = 10;

/** Dense numbering of customers and products, and each customer's seen (bought or viewed) and bought items. */
function indexRows(rows: InteractionRows, keep: (i: number) => boolean) {
  const customerIndex = new Map<number, number>();
  const productIndex = new Map<number, number>();
  const products: number[] = [];
  const customers: number[] = [];
  const pairsCustomer: number[] = [];
  const pairsItem: number[] = [];
  const seen = new Map<number, number[]>();
  const bought = new Map<number, number[]>();
  for (let i = 0; i < rows.customerIds.length; i++) {
    const pid = rows.productIds[i]!;
    if (!productIndex.has(pid)) {
      productIndex.set(pid, products.length);
      products.push(pid);
    }
    if (!keep(i)) continue;
    const cid = rows.customerIds[i]!;
    let c = customerIndex.get(cid);
    if (c === undefined) {
      c = customers.length;
      customerIndex.set(cid, c);
      customers.push(cid);
    }
    const item = productIndex.get(pid)!;
    pairsCustomer.push(c);
    pairsItem.push(item);
    (seen.get(c) ?? seen.set(c, []).get(c)!).push(item);
    if (rows.bought[i]) (bought.get(c) ?? bought.set(c, []).get(c)!).push(item);
  }
  return {
    customerIndex,
    productIndex,
    products,
    customers,
    pairsCustomer: Int32Array.from(pairsCustomer),
    pairsItem: Int32Array.from(pairsItem),
    seen,
    bought,
  };
}

function fit(ix: ReturnType<typeof indexRows>): ItemSimilarity {
  return buildItemSimilarity({ customers: ix.customers.length, items: ix.products.length, customer: ix.pairsCustomer, item: ix.pairsItem });
}

/**
 * Item-to-item recommendations from co-purchases and product views. Evaluated on a time split: the
 * model built from interactions up to the cutoff recommends 10 products to each customer with history,
 * and a hit is any of them bought (for the first time) within the horizon after — against the same
 * measure for the most popular products. Then rebuilt from everything and used for every customer.
 * The building runs in the training thread (ctx.fit).
 */
export async function trainRecommendations(ctx: TrainingContext): Promise<TrainingResult> {
  const horizon = ctx.window.horizonDays;
  const cutoff = ctx.window.cutoff ?? addDays(ctx.dataEnd, -horizon);
  ctx.progress("Loading purchases and product views", 5);
  const rows = await loadInteractions(ctx.client, { cutoff, horizonDays: horizon, dataEnd: ctx.dataEnd, timeZone: ctx.timeZone });
  if (rows.customerIds.length === 0)
    throw new AppError("unprocessable", "No purchases of known products yet: import orders (and a product catalogue) first.");
  ctx.checkCancelled();
  const fitted = await ctx.fit("recommendations", rows);
  return {
    window: { cutoff, horizonDays: horizon, scoredAsOf: ctx.dataEnd },
    params: fitted.params,
    metrics: fitted.metrics,
    trainingRows: rows.customerIds.length,
    scores: { customerIds: fitted.customerIds, columns: {}, recommendations: fitted.recommendations },
  };
}

/**
 * The computation of trainRecommendations (no database: it runs in the training thread): the model
 * of the interactions before the cutoff and its hit rate @10 beside popularity's, then the model of
 * every interaction recommending for each customer.
 */
export function fitRecommendations(rows: InteractionRows, progress: (phase: string, percent: number) => void) {
  progress("Building the model from interactions before the cutoff", 20);
  const before = indexRows(rows, (i) => rows.beforeCutoff[i] === 1);
  const early = fit(before);
  const holdout = new Map<number, Set<number>>();
  for (let i = 0; i < rows.customerIds.length; i++) {
    if (!rows.inHoldout[i]) continue;
    const c = before.customerIndex.get(rows.customerIds[i]!);
    if (c === undefined) continue; // no history before the cutoff
    const item = before.productIndex.get(rows.productIds[i]!)!;
    (holdout.get(c) ?? holdout.set(c, new Set()).get(c)!).add(item);
  }
  progress("Measuring hit rate @10", 40);
  const model = hitRateAtK({
    holdout,
    recommend: (c) => recommendItems(early, { seen: before.seen.get(c) ?? [], exclude: before.bought.get(c) ?? [], count: COUNT }),
  });
  const popularity = hitRateAtK({
    holdout,
    recommend: (c) => recommendPopular(early, { exclude: before.bought.get(c) ?? [], count: COUNT }),
  });

  progress("Building the model from every interaction", 60);
  const all = indexRows(rows, () => true);
  const final = fit(all);
  progress("Recommending for every customer", 75);
  const recommendations = all.customers.map((_, c) =>
    Int32Array.from(
      recommendItems(final, { seen: all.seen.get(c) ?? [], exclude: all.bought.get(c) ?? [], count: COUNT }),
      (r) => all.products[r.item]!,
    ),
  );
  return {
    customerIds: Int32Array.from(all.customers),
    recommendations,
    params: {
      method: "item-to-item cosine over co-purchases and product views",
      neighbours: 50,
      count: COUNT,
      products: all.products.length,
      popular: Array.from(final.popular.subarray(0, COUNT), (i) => all.products[i]),
    },
    metrics: {
      k: COUNT,
      hitRate: model.hitRate,
      popularityHitRate: popularity.hitRate,
      customers: model.customers,
      hits: model.hits,
      popularityHits: popularity.hits,
    },
  };
}
