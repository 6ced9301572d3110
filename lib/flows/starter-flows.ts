import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { saveSegment } from "../segments/save-segment";
import { segmentRulesSchema } from "../segments/schemas";
import { createTemplate } from "../templates/create-template";
import { saveFlow } from "./save-flow";
import type { FlowDefinition } from "./schemas";

export const STARTER_KEYS = ["abandoned_cart", "browse_abandonment", "welcome_series", "win_back", "post_purchase"] as const;
export type StarterKey = (typeof STARTER_KEYS)[number];

export const starterFlows: Record<StarterKey, { name: string; description: string }> = {
  abandoned_cart: {
    name: "Abandoned cart",
    description: "Added to cart and did not buy within 4 hours: an email with the cart's items. Buying takes them out at once.",
  },
  browse_abandonment: {
    name: "Browse abandonment",
    description: "Viewed a product, did not add to cart within 2 hours: best sellers of their favourite category.",
  },
  welcome_series: {
    name: "Welcome series",
    description: "Signed up: a welcome now; three days later, an offer for those who have not bought yet.",
  },
  win_back: {
    name: "Win-back",
    description: "Entered the lapsed segment (no purchase for 90 days): a we-miss-you email, and a reminder a week later.",
  },
  post_purchase: {
    name: "Post-purchase cross-sell",
    description: "Completed an order: a week later, recommendations from the category they buy most.",
  },
};

/** A gallery template for the starter (created once, reused by later starters). */
async function galleryTemplate(key: string, name: string, actor: Actor): Promise<string> {
  const existing = await db.emailTemplate.findFirst({ where: { fromGallery: key }, orderBy: { createdAt: "asc" }, select: { id: true } });
  return existing?.id ?? (await createTemplate({ name, fromGallery: key, createdById: actor.id, actor })).id;
}

/** "No purchase for 90 days, but bought before": the win-back audience (RFM based; churn scores may replace it). */
async function lapsedSegment(actor: Actor): Promise<string> {
  const existing = await db.segment.findFirst({ where: { name: "Lapsed customers (90 days)" }, select: { id: true } });
  if (existing) return existing.id;
  const rules = segmentRulesSchema.parse({
    type: "group",
    op: "and",
    children: [
      { type: "condition", kind: "feature", feature: "frequency", op: "gte", value: 1 },
      { type: "condition", kind: "feature", feature: "recency_days", op: "gt", value: 90 },
    ],
  });
  return (
    await saveSegment({
      input: { name: "Lapsed customers (90 days)", description: "Bought before, not in the last 90 days", rules },
      actor,
    })
  ).id;
}

async function definitionOf(key: StarterKey, actor: Actor): Promise<FlowDefinition> {
  const { name, description } = starterFlows[key];
  const base = { name, description, reentry: { kind: "once_per_days" as const, days: 30 }, exitOn: [] };
  const email = async (id: string, gallery: string, templateName: string) => ({
    id,
    kind: "send_email" as const,
    templateId: await galleryTemplate(gallery, templateName, actor),
    category: "marketing" as const,
  });
  switch (key) {
    case "abandoned_cart":
      return {
        ...base,
        reentry: { kind: "once_per_days", days: 7 },
        trigger: { kind: "event", event: "Added to Cart", where: [] },
        exitOn: [{ event: "Order Completed", where: [] }],
        steps: [
          { id: "wait-4h", kind: "wait", duration: { amount: 4, unit: "hours" } },
          await email("cart-email", "abandoned-cart", "Abandoned cart"),
        ],
      };
    case "browse_abandonment":
      return {
        ...base,
        trigger: { kind: "event", event: "Product Viewed", where: [] },
        exitOn: [
          { event: "Added to Cart", where: [] },
          { event: "Order Completed", where: [] },
        ],
        steps: [
          { id: "wait-2h", kind: "wait", duration: { amount: 2, unit: "hours" } },
          await email("browse-email", "newsletter", "Browse follow-up"),
        ],
      };
    case "welcome_series":
      return {
        ...base,
        reentry: { kind: "once" },
        trigger: { kind: "event", event: "Signed Up", where: [] },
        steps: [
          await email("welcome-email", "welcome", "Welcome"),
          { id: "wait-3d", kind: "wait", duration: { amount: 3, unit: "days" } },
          {
            id: "bought-yet",
            kind: "branch",
            condition: {
              kind: "rules",
              rules: segmentRulesSchema.parse({
                type: "group",
                op: "and",
                children: [{ type: "condition", kind: "feature", feature: "frequency", op: "gte", value: 1 }],
              }),
            },
            yes: [{ id: "tag-customer", kind: "add_tag", tag: "welcomed-buyer" }],
            no: [await email("offer-email", "vip-offer", "Welcome offer")],
          },
        ],
      };
    case "win_back":
      return {
        ...base,
        reentry: { kind: "once_per_days", days: 90 },
        trigger: { kind: "segment", segmentId: await lapsedSegment(actor) },
        exitOn: [{ event: "Order Completed", where: [] }],
        steps: [
          { id: "morning", kind: "wait_until_time", hour: 10, minute: 0 },
          await email("winback-email", "win-back", "We miss you"),
          { id: "wait-7d", kind: "wait", duration: { amount: 7, unit: "days" } },
          await email("winback-reminder", "vip-offer", "Win-back reminder"),
        ],
      };
    case "post_purchase":
      return {
        ...base,
        reentry: { kind: "every_time" },
        trigger: { kind: "event", event: "Order Completed", where: [] },
        steps: [
          { id: "wait-7d", kind: "wait", duration: { amount: 7, unit: "days" } },
          await email("cross-sell", "newsletter", "You might also like"),
        ],
      };
  }
}

/** Creates a draft flow from a starter (with the gallery templates and segment it needs), ready to adapt and switch on. */
export async function createStarterFlow(opts: { key: StarterKey; actor: Actor }): Promise<{ id: string }> {
  const { id } = await saveFlow({ input: await definitionOf(opts.key, opts.actor), actor: opts.actor });
  return { id };
}
