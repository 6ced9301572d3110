import { z } from "zod";
import { pageSchema } from "../http/pagination";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((s) => new Date(`${s}T00:00:00Z`))
  .optional()
  .catch(undefined);
const text = z
  .string()
  .trim()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((s) => s || undefined);

/** The audit log page's URL filters; anything invalid is ignored. Safe to import from the client. */
export const auditQuerySchema = z.object({
  actor: text,
  action: text,
  targetType: text,
  targetId: text,
  from: day,
  to: day,
  page: pageSchema,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
