"use client";

import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { changeOwnPassword } from "../actions";

export function ChangePasswordForm() {
  const form = useActionForm({ schema: changePasswordSchema, action: changeOwnPassword, onSuccess: (_d, _i, el) => el.reset() });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5 p-5">
      <FormStatus form={form} success="Your password is changed. Use the new one next time you sign in." />
      <Field label="Current password" name="currentPassword" error={fe.currentPassword}>
        <Input name="currentPassword" type="password" autoComplete="current-password" invalid={!!fe.currentPassword} />
      </Field>
      <Field label="New password" name="newPassword" hint="At least 10 characters." error={fe.newPassword}>
        <Input name="newPassword" type="password" autoComplete="new-password" invalid={!!fe.newPassword} />
      </Field>
      <Field label="Repeat the new password" name="confirmPassword" error={fe.confirmPassword}>
        <Input name="confirmPassword" type="password" autoComplete="new-password" invalid={!!fe.confirmPassword} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
