import type { JsonObject } from "./pg-text";

/** The last id handed out per table; ids are assigned in generation order, starting at 1. */
export interface IdCounters {
  customer: number;
  identity: number;
  order: number;
  line: number;
  event: number;
  consent: number;
}

export const newIdCounters = (): IdCounters => ({ customer: 0, identity: 0, order: 0, line: 0, event: 0, consent: 0 });

/** Times are milliseconds since the epoch (UTC); money is whole pence. */
export interface DemoLine {
  id: number;
  position: number;
  productId: number;
  sku: string;
  description: string;
  quantity: number;
  unitPricePence: number;
  lineTotalPence: number;
}

export interface DemoOrder {
  id: number;
  orderNumber: string;
  kind: "purchase" | "cancellation";
  placedAt: number;
  totalPence: number;
  lines: DemoLine[];
  /** For a cancellation: the purchase it (partly) reverses. */
  cancels: DemoOrder | null;
}

export type DemoEventType =
  "page_viewed" | "product_viewed" | "added_to_cart" | "checkout_started" | "order_completed" | "email_opened" | "email_clicked";

export interface DemoEvent {
  id: number;
  type: DemoEventType;
  occurredAt: number;
  properties: JsonObject;
}

export interface DemoConsent {
  id: number;
  status: "granted" | "denied" | "withdrawn";
  source: "import" | "unsubscribe_link" | "preference_centre";
  occurredAt: number;
  proof: JsonObject;
}

export interface DemoIdentity {
  id: number;
  type: "email" | "external_id";
  source: string;
  value: string;
  createdAt: number;
}
