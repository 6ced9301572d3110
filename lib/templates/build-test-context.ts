import type { OrderContext, PersonalizationContext } from "./load-contexts";

/** A personalization context for tests and benches (plain data, no database); override any part. */
export function buildTestContext(
  overrides: { customer?: Partial<PersonalizationContext["customer"]> } & Partial<Omit<PersonalizationContext, "customer">> = {},
): PersonalizationContext {
  const { customer, ...rest } = overrides;
  return {
    customer: {
      id: 42,
      email: "jane.doe@example.com",
      first_name: "jane",
      last_name: "doe",
      full_name: "jane doe",
      phone: null,
      country: "United Kingdom",
      country_code: "GB",
      city: "leeds",
      attributes: {},
      first_seen_at: "2024-02-01T09:00:00.000Z",
      last_seen_at: "2026-03-01T09:00:00.000Z",
      rfm_segment: "Champions",
      rfm_code: "555",
      r_score: 5,
      f_score: 5,
      m_score: 5,
      recency_days: 12,
      frequency: 9,
      monetary: 1234.5,
      avg_order_value: 137.17,
      first_purchase_at: "2024-02-03T10:00:00.000Z",
      last_purchase_at: "2026-02-20T23:30:00.000Z",
      tenure_days: 760,
      opens_30: 3,
      clicks_30: 1,
      segments: ["VIP"],
      favourite_category: "kitchen",
      orders: [buildTestOrder()],
      clv: 412.5,
      churn_probability: 0.18,
      probability_alive: 0.93,
      expected_purchases: 3.2,
      propensity: 0.64,
      propensities: { kitchen: 0.41 },
      recommendations: [
        { sku: "JUG-5", name: "milk jug", category: "kitchen", price: 14, url: "https://shop.example/jug", image_url: null },
      ],
      ...customer,
    },
    top_products: [
      { sku: "MUG-1", name: "enamel mug", category: "kitchen", price: 12 },
      { sku: "POT 2", name: "tea pot & lid", category: "kitchen", price: 35.5 },
      { sku: "BWL-3", name: "salad bowl", category: "kitchen", price: 22 },
      { sku: "KNF-4", name: "bread knife", category: "kitchen", price: 18.99 },
    ],
    event: {
      type: "Added to Cart",
      properties: { products: [{ name: "enamel mug", price: 12, quantity: 2, url: null, image_url: null }] },
    },
    organisation: { name: "Hearth & Home", postal_address: "1 Market Street, Leeds LS1 1AA" },
    unsubscribe_url: "http://localhost:3000/preferences/v1.42.sig?x=1&y=2",
    today: "2026-03-04T10:00:00.000Z",
    ...rest,
  };
}

export function buildTestOrder(overrides: Partial<OrderContext> = {}): OrderContext {
  return {
    number: "536365",
    placed_at: "2026-02-20T23:30:00.000Z",
    total: 139.5,
    currency: "GBP",
    item_count: 3,
    lines: [
      { sku: "MUG-1", description: "ENAMEL MUG", quantity: 2, unit_price: 12, line_total: 24 },
      { sku: "POT 2", description: "TEA POT & LID", quantity: 1, unit_price: 35.5, line_total: 35.5 },
    ],
    ...overrides,
  };
}

/** A varied corpus: names with markup and accents, no orders, other RFM segments, no category, no segments. */
export function testContextCorpus(): PersonalizationContext[] {
  return [
    buildTestContext(),
    buildTestContext({
      customer: {
        id: 7,
        first_name: null,
        last_name: null,
        full_name: null,
        city: null,
        country: null,
        country_code: null,
        segments: [],
        rfm_segment: null,
        frequency: 0,
        monetary: 0,
        recency_days: null,
        last_purchase_at: null,
        first_purchase_at: null,
        favourite_category: null,
        orders: [],
      },
    }),
    buildTestContext({
      customer: {
        id: 8,
        first_name: "<script>alert(1)</script>",
        segments: ["VIP", "Newsletter"],
        rfm_segment: "At Risk",
        recency_days: 300,
      },
    }),
    buildTestContext({
      customer: {
        id: 9,
        first_name: "ÉLODIE",
        last_name: "O'Brien",
        rfm_segment: "Can't Lose Them",
        favourite_category: "garden & patio",
        orders: [buildTestOrder(), buildTestOrder({ number: "C536379", total: 9.99, item_count: 1, lines: [] })],
      },
    }),
    buildTestContext({
      customer: { id: 10, first_name: 'sam "the" man', rfm_segment: "New Customers", frequency: 1, segments: ["Trial"] },
      top_products: [],
    }),
    // An abandoned cart as a flow passes it: untrusted product data (markup in a name, a javascript: link).
    buildTestContext({
      customer: { id: 11 },
      event: {
        type: "added_to_cart",
        properties: {
          products: [
            { sku: "MUG-1", name: "Enamel mug", price: 12, quantity: 2, url: "https://shop.example.com/p/mug", image_url: null },
            {
              sku: null,
              name: '<img src=x onerror="alert(1)">Tea & "pot"',
              price: null,
              quantity: 1,
              url: "javascript:alert(1)",
              image_url: "https://cdn.example.com/pot.jpg",
            },
          ],
        },
      },
    }),
  ];
}
