import { z } from "zod";

/** Client-safe schemas for templates: forms, server actions and route handlers share them. */

export const templateLimits = { subject: 500, preheader: 500, mjml: 500_000, name: 120 } as const;

export const draftSchema = z.object({
  subject: z.string().max(templateLimits.subject, `The subject is longer than ${templateLimits.subject} characters.`),
  preheader: z.string().max(templateLimits.preheader, `The preheader is longer than ${templateLimits.preheader} characters.`).default(""),
  mjml: z.string().max(templateLimits.mjml, "The body is over 500 KB: split it or remove unused sections."),
});

export const templateNameSchema = z
  .string()
  .trim()
  .min(1, "Give the template a name.")
  .max(templateLimits.name, `The name is longer than ${templateLimits.name} characters.`);

export const galleryKeys = ["welcome", "newsletter", "abandoned-cart", "win-back", "vip-offer"] as const;
export type GalleryKey = (typeof galleryKeys)[number];

export const createTemplateSchema = z.object({
  name: templateNameSchema,
  fromGallery: z.enum(galleryKeys).optional(),
});

export const testSendSchema = z.object({
  to: z.string().trim().email("Enter the address to send the test to, e.g. you@example.com."),
});
