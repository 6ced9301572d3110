"use client";

import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { recordConsentFormSchema } from "@/lib/consent/schemas";
import { recordConsentAction } from "../../../actions";

export function RecordConsentForm({ customerId, purposes }: { customerId: number; purposes: { key: string; label: string }[] }) {
  const router = useRouter();
  const form = useActionForm({
    schema: recordConsentFormSchema,
    action: recordConsentAction,
    onSuccess: (_d, _i, el) => {
      el.reset();
      router.refresh();
    },
  });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4 p-5">
      {form.error ? <Alert tone="error">{form.error}</Alert> : null}
      {form.succeeded ? <Alert tone="success">Recorded. It is at the top of the timeline.</Alert> : null}
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
        <textarea
          id="reason"
          name="reason"
          rows={3}
          aria-invalid={!!fe.reason || undefined}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
        />
      </Field>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Recording…" : "Record change"}
      </Button>
    </form>
  );
}
