import type { ImportKind } from "@/lib/imports/format-schemas";

export const kindOptions: { kind: ImportKind; label: string; hint: string }[] = [
  { kind: "csv", label: "Any CSV (map the columns)", hint: "Customers, orders or events from any tool: you say which column holds what." },
  { kind: "shopify-customers", label: "Shopify customers", hint: "Shopify admin → Customers → Export. Email consent comes along." },
  { kind: "shopify-orders", label: "Shopify orders", hint: "Shopify admin → Orders → Export. Refunds and cancellations are kept." },
  { kind: "mailchimp", label: "Mailchimp audience", hint: "Audience → Export audience: the ZIP, or one of its CSVs." },
  { kind: "online-retail", label: "Online Retail (UCI)", hint: "The Online Retail transactions file." },
  {
    kind: "product-catalogue",
    label: "Product catalogue",
    hint: "Columns sku, name, category, price, url, image_url (only sku is required): names, prices, links and images for recommendations.",
  },
  {
    kind: "consent",
    label: "Consent records",
    hint: "Columns email (or customer_id), purpose, status, occurred_at, and optionally ip, user_agent, wording: appended as records with the import as proof.",
  },
  {
    kind: "suppressions",
    label: "Suppression list (admins)",
    hint: "Columns email, and optionally reason (unsubscribed, hard_bounce, complaint, manual) and note: addresses never to email.",
  },
];

export const fieldLabels: Record<string, string> = {
  email: "Email",
  external_id: "Customer id (from your tool)",
  first_name: "First name",
  last_name: "Last name",
  phone: "Phone",
  country: "Country",
  city: "City",
  email_consent: "Email marketing consent (yes/no)",
  consent_date: "Consent date",
  signed_up_at: "Signed up at",
  order_number: "Order number",
  placed_at: "Order date",
  sku: "Product SKU",
  description: "Product name",
  quantity: "Quantity",
  unit_price: "Unit price",
  line_total: "Line total",
  event_type: "Event type",
  occurred_at: "When it happened",
  currency: "Currency",
};
