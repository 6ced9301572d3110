"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { eraseCustomerFormSchema, requesterLabels, requesters } from "@/lib/privacy/schemas";
import { eraseCustomerAction } from "../actions";

/** Export (JSON download) and erasure of one person, each recorded as a data subject request. */
export function DataRequests({ customerId }: { customerId: number }) {
  const [requestedBy, setRequestedBy] = useState<(typeof requesters)[number]>("data_subject");
  const router = useRouter();
  // Once erased, the page reloads to show the person as erased (nothing left to act on).
  const form = useActionForm({ schema: eraseCustomerFormSchema, action: eraseCustomerAction, onSuccess: () => router.refresh() });
  const fe = form.fieldErrors;
  return (
    <Card>
      <CardHeader
        title="Data subject requests"
        description="Recorded under a pseudonymous reference, with who asked and who carried it out."
      />
      <div className="space-y-5 p-5">
        <Field label="Who asked" name="requestedByExport">
          <Select name="requestedByExport" value={requestedBy} onChange={(e) => setRequestedBy(e.target.value as typeof requestedBy)}>
            {requesters.map((r) => (
              <option key={r} value={r}>
                {requesterLabels[r]}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <a
            href={`/api/v1/privacy/customers/${customerId}/export?requestedBy=${requestedBy}`}
            className={buttonClasses("secondary")}
            download
          >
            Download everything we hold (JSON)
          </a>
          <p className="mt-1.5 text-xs text-slate-500">
            Profile, identities, orders, events, consent history and any segment memberships or scores.
          </p>
        </div>
        <form onSubmit={form.onSubmit} noValidate className="space-y-3 border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold text-rose-700">Erase this person</h3>
          <p className="text-xs text-slate-600">
            Removes their name, addresses, phone, identities, event details and consent proof everywhere, irreversibly. Orders stay as
            anonymous revenue; the address stays only as a one-way hash on the suppression list so no import can resubscribe them.
          </p>
          <FormStatus form={form} />
          <input type="hidden" name="customerId" value={customerId} />
          <input type="hidden" name="requestedBy" value={requestedBy} />
          <Field label="Type ERASE to confirm" name="confirm" error={fe.confirm}>
            <Input name="confirm" autoComplete="off" invalid={!!fe.confirm} />
          </Field>
          <Button type="submit" variant="danger" disabled={form.pending}>
            {form.pending ? "Erasing…" : "Erase permanently"}
          </Button>
        </form>
      </div>
    </Card>
  );
}
