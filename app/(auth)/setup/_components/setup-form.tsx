"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { setupAdminSchema } from "@/lib/auth/schemas";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { setupFirstAdmin } from "../actions";

export function SetupForm() {
  const router = useRouter();
  const form = useActionForm({
    schema: setupAdminSchema,
    action: setupFirstAdmin,
    onSuccess: async (_data, input) => {
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      router.replace(signedIn?.ok ? "/" : "/login");
      router.refresh();
    },
  });
  const fe = form.fieldErrors;

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormStatus form={form} />
      <Field label="Your name" name="name" hint="Optional; shown to other users." error={fe.name}>
        <Input name="name" autoComplete="name" invalid={!!fe.name} />
      </Field>
      <Field label="Email" name="email" hint="You sign in with it." error={fe.email}>
        <Input name="email" type="email" autoComplete="username" required invalid={!!fe.email} />
      </Field>
      <Field label="Password" name="password" hint="At least 10 characters." error={fe.password}>
        <Input name="password" type="password" autoComplete="new-password" required invalid={!!fe.password} />
      </Field>
      <Field label="Repeat the password" name="confirmPassword" error={fe.confirmPassword}>
        <Input name="confirmPassword" type="password" autoComplete="new-password" required invalid={!!fe.confirmPassword} />
      </Field>
      <Button type="submit" className="w-full" disabled={form.pending || form.succeeded}>
        {form.pending || form.succeeded ? "Creating the admin…" : "Create admin and sign in"}
      </Button>
    </form>
  );
}
