import { z } from "zod";
import { customerIdSchema } from "@/lib/customers/schemas";
import { draftSchema, galleryKeys, templateNameSchema, testSendSchema } from "@/lib/templates/schemas";

/** Request shapes of the template editor's API and actions (client-safe), built on lib/templates' schemas. */
export const previewInputSchema = z.object({ draft: draftSchema, customerId: customerIdSchema });

export const previewCustomersQuerySchema = z.object({ q: z.string().trim().max(200).default("") });

export const testSendInputSchema = previewInputSchema.extend({
  ...testSendSchema.shape,
  templateId: z.string().min(1).max(100).optional(),
});

/** The "new template" form: the gallery radio sends "" for a blank template. */
export const createTemplateFormSchema = z.object({
  name: templateNameSchema,
  fromGallery: z.union([z.enum(galleryKeys), z.literal("").transform(() => undefined)]).optional(),
});

export const restoreVersionInputSchema = z.object({ templateId: z.string().min(1).max(100), versionId: z.string().min(1).max(100) });

/** Saving a version: the draft, and whether to keep it a draft even when it could become current. */
export const saveVersionInputSchema = draftSchema.extend({ asDraft: z.boolean().default(false) });
