import { z } from "zod";

/** Zod schemas for the auth forms; safe to import from the client. */

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter an email address such as anna@example.com." }));

export const newPasswordSchema = z
  .string()
  .min(10, { error: "Use at least 10 characters." })
  .max(200, { error: "Use at most 200 characters." });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: "Enter your password." }),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const setupAdminSchema = z
  .object({
    name: z.string().trim().max(100).default(""),
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    error: "The two passwords differ; type the same password twice.",
    path: ["confirmPassword"],
  });
export type SetupAdminInput = z.input<typeof setupAdminSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { error: "Enter your current password." }),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    error: "The two passwords differ; type the same new password twice.",
    path: ["confirmPassword"],
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    error: "Choose a password different from the current one.",
    path: ["newPassword"],
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
