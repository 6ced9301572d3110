import type { Liquid, Template } from "liquidjs";

/**
 * What of the personalization context a template can read: the `customer.*` keys it names (or all
 * of them), and whether it uses `top_products` (chosen by the customer's favourite category). A
 * batch send loads only these (load-contexts.ts); whatever a template cannot name, it cannot show.
 */
export interface ContextUses {
  /** "all": the template reads `customer` as a whole, by a computed key, or assigns it. */
  customer: "all" | ReadonlySet<string>;
  topProducts: boolean;
}

export const ALL_CONTEXT: ContextUses = { customer: "all", topProducts: true };

/** The context parts the parsed templates (subject, preheader, body, …) read, by liquidjs's static analysis. */
export function contextUses(engine: Liquid, templates: Template[][]): ContextUses {
  const keys = new Set<string>();
  let all = false;
  let topProducts = false;
  for (const parsed of templates) {
    const analysis = engine.analyzeSync(parsed, { partials: false });
    // A template that assigns `customer` itself may still read the real one before: load it whole.
    if (Object.prototype.hasOwnProperty.call(analysis.locals, "customer")) all = true;
    if (Object.prototype.hasOwnProperty.call(analysis.globals, "top_products")) topProducts = true;
    for (const use of analysis.globals.customer ?? []) {
      const key = use.segments[1];
      if (typeof key === "string") keys.add(key);
      else all = true; // `customer`, `customer[expr]` or `customer[0]`
    }
  }
  return { customer: all ? "all" : keys, topProducts };
}

/** Whether a template with these uses reads `customer.<key>`. */
export function usesCustomerKey(uses: ContextUses, key: string): boolean {
  return uses.customer === "all" || uses.customer.has(key);
}

/** What several templates read together (a campaign's experiment variants rendered in one batch). */
export function mergeContextUses(a: ContextUses, b: ContextUses): ContextUses {
  const customer = a.customer === "all" || b.customer === "all" ? "all" : new Set([...a.customer, ...b.customer]);
  return { customer, topProducts: a.topProducts || b.topProducts };
}
