/** One order line as a file describes it, normalised; the merge fills customers, products, orders and lines. */
export interface OrderLineRow {
  orderNumber: string;
  kind: "purchase" | "cancellation" | "adjustment";
  email: string | null;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
  city: string | null;
  /** See ParsedDate: with a zone when the file gave one. */
  placedAt: string;
  currency: string | null;
  sku: string;
  description: string;
  quantity: number;
  /** Plain decimal strings. */
  unitPrice: string;
  /** null: quantity × unit price. */
  lineTotal: string | null;
  /** The order's own total when the file states it (else the sum of its lines). */
  orderTotal: string | null;
}

export const ORDER_STAGING_COLUMNS = [
  "row_number",
  "order_number",
  "kind",
  "email",
  "ext",
  "first_name",
  "last_name",
  "country",
  "city",
  "placed_at",
  "currency",
  "sku",
  "description",
  "quantity",
  "unit_price",
  "line_total",
  "order_total",
] as const;

export function orderLineValues(r: OrderLineRow, rowNumber: number) {
  return [
    rowNumber,
    r.orderNumber,
    r.kind,
    r.email,
    r.externalId,
    r.firstName,
    r.lastName,
    r.country,
    r.city,
    r.placedAt,
    r.currency,
    r.sku,
    r.description,
    r.quantity,
    r.unitPrice,
    r.lineTotal,
    r.orderTotal,
  ] as const;
}
