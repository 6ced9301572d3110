import { countMeets } from "../../condition-semantics";
import { inWindow } from "../../window-bounds";
import type { ReferenceAt } from "../types";
import type { OrderCondition } from "./schema";

/** The number or sum of the customer's purchases in the window (of the product or category: its lines). */
export function evaluateOrder(cond: OrderCondition, { data, customer, ref }: ReferenceAt): boolean {
  const orders = data.orders.filter((o) => o.customerId === customer.id && o.kind === "purchase" && inWindow(o.placedAt, cond.window, ref));
  const byProduct = cond.sku !== undefined || cond.category !== undefined;
  let agg: number;
  if (!byProduct) agg = cond.measure === "count" ? orders.length : orders.reduce((s, o) => s + o.total, 0);
  else {
    const lines = orders.flatMap((o) =>
      o.lines
        .filter((l) => (cond.sku === undefined || l.sku === cond.sku) && (cond.category === undefined || l.category === cond.category))
        .map((l) => ({ o, l })),
    );
    agg = cond.measure === "count" ? new Set(lines.map((x) => x.o.id)).size : lines.reduce((s, x) => s + x.l.lineTotal, 0);
  }
  return countMeets(cond.op, agg, cond.value);
}
