import { z } from "zod";
import { customerIdSchema } from "@/lib/customers/schemas";

/** Request shapes of the template editor's API (client-safe). Limits keep one request bounded. */
export const templateDraftSchema = z.object({
  subject: z.string().max(1_000, "The subject is longer than 1,000 characters; inboxes show about 60."),
  preheader: z.string().max(1_000, "The preheader is longer than 1,000 characters; inboxes show about 100."),
  mjml: z.string().max(500_000, "The body is larger than 500 KB; split the email or move content to a landing page."),
});

export const previewInputSchema = z.object({ draft: templateDraftSchema, customerId: customerIdSchema });

export const previewCustomersQuerySchema = z.object({ q: z.string().trim().max(200).default("") });

export const testSendInputSchema = z.object({
  draft: templateDraftSchema,
  customerId: customerIdSchema,
  to: z.email("Enter one email address to send the test to, e.g. you@example.com."),
});

export const createTemplateInputSchema = z.object({
  name: z.string().trim().min(1, "Give the template a name.").max(200, "Keep the name under 200 characters."),
  fromGallery: z.string().trim().max(100).optional().transform((v) => v || undefined),
});

export const restoreVersionInputSchema = z.object({ versionId: z.string().min(1).max(100) });
