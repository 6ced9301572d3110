import { z } from "zod";
import { segmentRulesSchema } from "./schemas";

/** Request shapes of the segment API (client-safe). */
export const membersQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const explainInputSchema = z.object({
  rules: segmentRulesSchema,
  customer: z.union([z.number().int().positive(), z.string().min(1).max(320)]),
});
