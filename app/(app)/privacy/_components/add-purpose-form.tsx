"use client";

import { useAddForm } from "@/components/forms/use-add-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { purposeFormSchema } from "@/lib/consent/schemas";
import { createPurposeAction } from "../actions";

export function AddPurposeForm() {
  const form = useAddForm({ schema: purposeFormSchema, action: createPurposeAction });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">Add a purpose</h3>
      <FormStatus form={form} success="Purpose added." />
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="Key" name="key" error={fe.key} hint="Permanent, e.g. sms_marketing.">
          <Input name="key" invalid={!!fe.key} />
        </Field>
        <Field label="Name" name="label" error={fe.label}>
          <Input name="label" invalid={!!fe.label} />
        </Field>
        <Field label="Description" name="description" error={fe.description}>
          <Input name="description" />
        </Field>
        <Field label="Without a record" name="defaultRule" error={fe.defaultRule}>
          <Select name="defaultRule" defaultValue="opt_in">
            <option value="opt_in">Opt-in</option>
            <option value="opt_out">Opt-out</option>
          </Select>
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={form.pending}>
        {form.pending ? "Adding…" : "Add purpose"}
      </Button>
    </form>
  );
}
