"use client";

import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { addSuppressionFormSchema } from "@/lib/consent/suppression-schemas";
import { addSuppressionAction } from "../actions";

export function AddSuppressionForm() {
  const router = useRouter();
  const form = useActionForm({
    schema: addSuppressionFormSchema,
    action: addSuppressionAction,
    onSuccess: (_d, _i, el) => {
      el.reset();
      router.refresh();
    },
  });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4 p-5">
      {form.error ? <Alert tone="error">{form.error}</Alert> : null}
      {form.succeeded ? <Alert tone="success">Suppressed. No email will go to this address.</Alert> : null}
      <Field label="Email" name="email" error={fe.email}>
        <Input name="email" type="email" invalid={!!fe.email} />
      </Field>
      <Field label="Reason" name="reason" error={fe.reason}>
        <Select name="reason" defaultValue="manual">
          <option value="manual">Manual</option>
          <option value="unsubscribed">Unsubscribed</option>
          <option value="hard_bounce">Hard bounce</option>
          <option value="complaint">Complaint</option>
        </Select>
      </Field>
      <Field label="Note" name="note" error={fe.note}>
        <Input name="note" />
      </Field>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Adding…" : "Suppress address"}
      </Button>
    </form>
  );
}
