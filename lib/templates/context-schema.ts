/**
 * Every variable a template can use, with its type: the editor's variables panel, the unknown-variable
 * check and the context builder all follow this list. `[]` marks an array element.
 */
export interface ContextField {
  path: string;
  type: "string" | "number" | "date" | "string[]" | "array" | "object";
  nullable?: boolean;
  description: string;
}

/** The fields of each product in a list of products (recommendations, best sellers). */
function productFields(list: string): ContextField[] {
  return [
    { path: `${list}[].sku`, type: "string", description: "Product code" },
    { path: `${list}[].name`, type: "string", description: "Product name" },
    { path: `${list}[].category`, type: "string", nullable: true, description: "Category" },
    { path: `${list}[].price`, type: "number", nullable: true, description: "Price (use | money)" },
  ];
}

export const contextFields: ContextField[] = [
  { path: "customer.id", type: "number", description: "Tailor's customer number" },
  { path: "customer.email", type: "string", nullable: true, description: "Email address" },
  { path: "customer.first_name", type: "string", nullable: true, description: 'First name (use | default: "there")' },
  { path: "customer.last_name", type: "string", nullable: true, description: "Last name" },
  { path: "customer.full_name", type: "string", nullable: true, description: "First and last name, or null" },
  { path: "customer.phone", type: "string", nullable: true, description: "Phone number" },
  { path: "customer.country", type: "string", nullable: true, description: "Country, by name (United Kingdom)" },
  { path: "customer.country_code", type: "string", nullable: true, description: "Country, as its ISO 3166 code (GB)" },
  { path: "customer.city", type: "string", nullable: true, description: "City" },
  { path: "customer.attributes", type: "object", description: "Free-form profile attributes (traits): customer.attributes.<name>" },
  { path: "customer.first_seen_at", type: "date", nullable: true, description: "First seen" },
  { path: "customer.last_seen_at", type: "date", nullable: true, description: "Last seen" },
  { path: "customer.rfm_segment", type: "string", nullable: true, description: "RFM segment (Champions, Loyal, At risk, …)" },
  { path: "customer.rfm_code", type: "string", nullable: true, description: 'RFM code, e.g. "545"' },
  { path: "customer.r_score", type: "number", nullable: true, description: "Recency score 1–5" },
  { path: "customer.f_score", type: "number", nullable: true, description: "Frequency score 1–5" },
  { path: "customer.m_score", type: "number", nullable: true, description: "Monetary score 1–5" },
  { path: "customer.recency_days", type: "number", nullable: true, description: "Days since the last purchase" },
  { path: "customer.frequency", type: "number", description: "Number of purchases" },
  { path: "customer.monetary", type: "number", description: "Net revenue (use | money)" },
  { path: "customer.avg_order_value", type: "number", nullable: true, description: "Average order value (use | money)" },
  { path: "customer.first_purchase_at", type: "date", nullable: true, description: "First purchase" },
  { path: "customer.last_purchase_at", type: "date", nullable: true, description: "Last purchase" },
  { path: "customer.tenure_days", type: "number", nullable: true, description: "Days since the first purchase" },
  { path: "customer.opens_30", type: "number", description: "Email opens in the last 30 days" },
  { path: "customer.clicks_30", type: "number", description: "Email clicks in the last 30 days" },
  { path: "customer.segments", type: "string[]", description: "Names of the segments the customer is in (use contains)" },
  { path: "customer.favourite_category", type: "string", nullable: true, description: "The product category the customer bought most of" },
  { path: "customer.orders", type: "array", description: "The 3 most recent purchases, newest first" },
  { path: "customer.orders[].number", type: "string", description: "Order number" },
  { path: "customer.orders[].placed_at", type: "date", description: "When it was placed (use | format_date)" },
  { path: "customer.orders[].total", type: "number", description: "Order total (use | money)" },
  { path: "customer.orders[].currency", type: "string", description: "Order currency" },
  { path: "customer.orders[].item_count", type: "number", description: "Items in the order" },
  { path: "customer.orders[].lines", type: "array", description: "Order lines (up to 5)" },
  { path: "customer.orders[].lines[].sku", type: "string", description: "Product code" },
  { path: "customer.orders[].lines[].description", type: "string", description: "Product description" },
  { path: "customer.orders[].lines[].quantity", type: "number", description: "Quantity" },
  { path: "customer.orders[].lines[].unit_price", type: "number", description: "Unit price" },
  { path: "customer.orders[].lines[].line_total", type: "number", description: "Line total" },
  {
    path: "customer.clv",
    type: "number",
    nullable: true,
    description: "Predicted lifetime value over the model's horizon (use | money; null until the model scored the customer)",
  },
  {
    path: "customer.churn_probability",
    type: "number",
    nullable: true,
    description: "Probability of no purchase in the churn model's window, 0–1",
  },
  {
    path: "customer.probability_alive",
    type: "number",
    nullable: true,
    description: "Probability the customer is still buying (BG/NBD), 0–1",
  },
  {
    path: "customer.expected_purchases",
    type: "number",
    nullable: true,
    description: "Expected purchases over the lifetime-value horizon",
  },
  {
    path: "customer.propensity",
    type: "number",
    nullable: true,
    description: "Probability of buying any product in the propensity model's window, 0–1",
  },
  {
    path: "customer.propensities",
    type: "object",
    description: 'Probability of buying in a category, 0–1, for each category with a trained model: customer.propensities["Garden"]',
  },
  {
    path: "customer.recommendations",
    type: "array",
    description: "Recommended products, best first (up to 10; the most popular ones for a customer without history)",
  },
  ...productFields("customer.recommendations"),
  { path: "customer.recommendations[].url", type: "string", nullable: true, description: "Product page" },
  { path: "customer.recommendations[].image_url", type: "string", nullable: true, description: "Product image" },
  {
    path: "top_products",
    type: "array",
    description: "Best sellers of the customer's favourite category (up to 4; overall best sellers without one)",
  },
  ...productFields("top_products"),
  { path: "event.type", type: "string", nullable: true, description: "The event that triggered the flow (null outside flows)" },
  {
    path: "event.properties.products",
    type: "array",
    description: "The cart's items from the triggering event (empty when absent or untrusted)",
  },
  { path: "event.properties.products[].name", type: "string", description: "Product name" },
  { path: "event.properties.products[].price", type: "number", nullable: true, description: "Price (use | money)" },
  { path: "event.properties.products[].quantity", type: "number", description: "Quantity" },
  { path: "event.properties.products[].url", type: "string", nullable: true, description: "Product page (the shop's own domains only)" },
  {
    path: "event.properties.products[].image_url",
    type: "string",
    nullable: true,
    description: "Product image (the shop's own domains only)",
  },
  { path: "organisation.name", type: "string", description: "Organisation name (settings)" },
  { path: "organisation.postal_address", type: "string", description: "Postal address (settings): required in every marketing email" },
  {
    path: "unsubscribe_url",
    type: "string",
    description: "The customer's unsubscribe / preferences link: required in every marketing email",
  },
  { path: "today", type: "date", description: "The date of sending (or the pinned reference date)" },
];

const byPath = new Map(contextFields.map((f) => [f.path, f]));
/** Paths under which any key is accepted (free-form data). */
const openPrefixes = ["customer.attributes", "customer.propensities"];
/** Properties Liquid itself gives arrays and strings. */
const builtinProps = new Set(["size", "first", "last"]);

/**
 * Whether a variable path (segments after the root, array indexes as numbers) exists in the
 * context. Indexes and `first`/`last` step into an array's element; `size` ends the path.
 */
export function isKnownPath(segments: (string | number)[]): boolean {
  let path = "";
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const field = path ? byPath.get(path) : undefined;
    if (openPrefixes.includes(path)) return true;
    if (field && (field.type === "array" || field.type === "string[]")) {
      if (seg === "size") return i === segments.length - 1;
      if (typeof seg === "number" || seg === "first" || seg === "last") {
        if (field.type === "string[]") return i === segments.length - 1;
        path = `${path}[]`;
        continue;
      }
      return false;
    }
    if (field && (field.type === "string" || field.type === "number" || field.type === "date")) {
      return builtinProps.has(String(seg)) && i === segments.length - 1 && field.type === "string";
    }
    if (typeof seg === "number") return false;
    path = path ? `${path}.${seg}` : seg;
    if (!byPath.has(path) && !contextFields.some((f) => f.path.startsWith(`${path}.`) || f.path.startsWith(`${path}[]`))) return false;
  }
  return true;
}

/** The schema path of an array's element ("customer.orders" → "customer.orders[]"), if it is an array of objects. */
export function elementPath(path: string): string | null {
  const field = byPath.get(path);
  return field?.type === "array" ? `${path}[]` : null;
}
