import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors";
import type { GalleryKey } from "./schemas";
import type { TemplateDraft } from "./types";

export interface GalleryEntry {
  key: GalleryKey;
  name: string;
  description: string;
  subject: string;
  preheader: string;
}

/** The starter gallery: MJML files in lib/templates/gallery/<key>.mjml. */
export const gallery: GalleryEntry[] = [
  {
    key: "welcome",
    name: "Welcome",
    description: "Greets a new customer by name, introduces the shop and suggests best sellers.",
    subject: "Welcome to {{ organisation.name }}, {{ customer.first_name | default: 'friend' | title_case }}",
    preheader: "Here is what to expect from us, and a few favourites to start with.",
  },
  {
    key: "newsletter",
    name: "Newsletter with product grid",
    description:
      "Monthly news: stories, a grid of best sellers from the customer's favourite category, their recent orders, and a VIP block.",
    subject: "{{ customer.first_name | default: 'Hello' | title_case }}, this month at {{ organisation.name }}",
    preheader:
      "{% if customer.favourite_category %}New in {{ customer.favourite_category }} and more{% else %}Our best sellers and stories{% endif %}",
  },
  {
    key: "abandoned-cart",
    name: "Abandoned cart",
    description:
      "Shows the products left in the cart (event.properties.products, filled by the abandoned-cart flow; the preview uses the customer's latest cart), with a button back to the cart and best sellers when no cart is known.",
    subject: "{{ customer.first_name | default: 'Hi' | title_case }}, you left something behind",
    preheader: "Your picks are still waiting for you.",
  },
  {
    key: "win-back",
    name: "Win-back",
    description: "For lapsed customers: how long it has been, what they bought last, and an offer that depends on their RFM segment.",
    subject: "We miss you, {{ customer.first_name | default: 'friend' | title_case }}",
    preheader:
      "{% if customer.rfm_segment == 'At Risk' or customer.rfm_segment == \"Can't Lose Them\" %}A thank-you offer inside{% else %}See what is new since your last visit{% endif %}",
  },
  {
    key: "vip-offer",
    name: "VIP offer",
    description:
      "An exclusive offer for the best customers: their lifetime spend, an early-access block for VIP segment members, and hand-picked products.",
    subject: "{{ customer.first_name | default: 'Dear customer' | title_case }}, an exclusive offer for you",
    preheader: "Early access for our best customers, {{ today | format_date: 'month' }}.",
  },
];

const galleryDir = () => path.join(process.cwd(), "lib", "templates", "gallery");

export function listGallery(): { key: GalleryKey; name: string; description: string }[] {
  return gallery.map(({ key, name, description }) => ({ key, name, description }));
}

/** A gallery template's subject, preheader and MJML. Throws not_found for an unknown key. */
export async function loadGalleryTemplate(key: string): Promise<TemplateDraft & { name: string }> {
  const entry = gallery.find((g) => g.key === key);
  if (!entry)
    throw new AppError("not_found", `There is no gallery template "${key}". Choose one of: ${gallery.map((g) => g.key).join(", ")}.`);
  const mjml = await readFile(path.join(galleryDir(), `${entry.key}.mjml`), "utf8");
  return { name: entry.name, subject: entry.subject, preheader: entry.preheader, mjml };
}
