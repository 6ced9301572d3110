"use client";

import { useAddForm } from "@/components/forms/use-add-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { addSuppressionFormSchema } from "@/lib/consent/suppression-schemas";
import { addSuppressionAction } from "../actions";

export function AddSuppressionForm() {
  const form = useAddForm({ schema: addSuppressionFormSchema, action: addSuppressionAction });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4 p-5">
      <FormStatus form={form} success="Suppressed. No email will go to this address." />
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
