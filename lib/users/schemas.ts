import { z } from "zod";
import { emailSchema } from "../auth/schemas";
import { roles } from "../auth/roles";
import { changeReasonSchema } from "../consent/schemas";

/** User administration forms; safe to import from the client. */
export const inviteUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100).default(""),
  role: z.enum(roles, { error: "Choose a role." }),
});
export const setUserRoleSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(roles, { error: "Choose a role." }),
  reason: changeReasonSchema,
});
export const setUserActiveSchema = z.object({ userId: z.string().min(1), active: z.boolean() });
