import { z } from "zod";
import { segmentRulesSchema } from "./schemas";

/** Request shapes of the segment API (client-safe). */
export const membersQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Unsaved rules (the builder) or a saved segment (the profile), and a customer id, email or external id. */
export const explainInputSchema = z
  .object({
    rules: segmentRulesSchema.optional(),
    segmentId: z.string().min(1).max(100).optional(),
    customer: z.union([z.number().int().positive(), z.string().min(1).max(320)]),
  })
  .refine((v) => v.rules !== undefined || v.segmentId !== undefined, { message: "Send the rules or a segmentId", path: ["rules"] });
