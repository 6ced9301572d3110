"use client";

import { useAddForm } from "@/components/forms/use-add-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { recordConsentFormSchema } from "@/lib/consent/schemas";
import { recordConsentAction } from "../../../actions";

export function RecordConsentForm({ customerId, purposes }: { customerId: number; purposes: { key: string; label: string }[] }) {
  const form = useAddForm({ schema: recordConsentFormSchema, action: recordConsentAction });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4 p-5">
      <FormStatus form={form} success="Recorded. It is at the top of the timeline." />
      <input type="hidden" name="customerId" value={customerId} />
      <Field label="Purpose" name="purpose" error={fe.purpose}>
        <Select name="purpose" defaultValue="email_marketing">
          {purposes.map((p) => (
            <option key={p.key} value={p.key}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Status" name="status" error={fe.status}>
        <Select name="status" defaultValue="withdrawn">
          <option value="granted">Granted</option>
          <option value="denied">Denied</option>
          <option value="withdrawn">Withdrawn</option>
        </Select>
      </Field>
      <Field label="Reason" name="reason" error={fe.reason} hint="Required. E.g. “Asked by phone on 3 May to stop newsletters.”">
        <Textarea name="reason" rows={3} invalid={!!fe.reason} />
      </Field>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Recording…" : "Record change"}
      </Button>
    </form>
  );
}
