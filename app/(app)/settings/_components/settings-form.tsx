"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { settingsFormSchema, type SettingsFormInput } from "@/lib/settings/schemas";
import { saveSettings } from "../actions";
import { ReferenceDateField } from "./reference-date-field";

interface SettingsFormProps {
  initial: Required<SettingsFormInput>;
  /** Computed on the server, so the browser's Intl data cannot make the markup differ. */
  timeZones: string[];
  currencies: { code: string; name: string }[];
}

export function SettingsForm({ initial, timeZones, currencies }: SettingsFormProps) {
  const router = useRouter();
  const form = useActionForm({
    schema: settingsFormSchema,
    action: saveSettings,
    onSuccess: (saved, _input, el) => {
      // Show the values as stored ("europe/london" → "Europe/London").
      for (const [name, value] of Object.entries(saved)) {
        const field = el.elements.namedItem(name);
        if (field instanceof HTMLInputElement) field.value = value;
      }
      router.refresh();
    },
  });
  const fe = form.fieldErrors;
  const [address, setAddress] = useState(initial.postalAddress);

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-6 p-6">
      <FormStatus form={form} success="Settings saved." />
      <Field
        label="Organisation name"
        name="organisationName"
        error={fe.organisationName}
        hint="Shown in Tailor and as the sender's organisation in emails."
      >
        <Input name="organisationName" defaultValue={initial.organisationName} invalid={!!fe.organisationName} />
      </Field>
      <Field
        label="Postal address"
        name="postalAddress"
        error={fe.postalAddress}
        hint="Marketing email must show your physical postal address (CAN-SPAM, EU e-privacy rules); Tailor adds it to every email's footer."
      >
        <Textarea name="postalAddress" rows={3} value={address} onChange={(e) => setAddress(e.target.value)} invalid={!!fe.postalAddress} />
      </Field>
      {address.trim() === "" ? <Alert tone="warning">No postal address yet: add one before sending marketing email.</Alert> : null}
      <div className="grid gap-6 sm:grid-cols-3">
        <Field label="Time zone" name="timeZone" error={fe.timeZone} hint="IANA name, e.g. Europe/London.">
          <Input name="timeZone" list="time-zones" defaultValue={initial.timeZone} invalid={!!fe.timeZone} autoComplete="off" />
        </Field>
        <Field label="Currency" name="currency" error={fe.currency} hint="ISO 4217; amounts show in it.">
          <Select name="currency" defaultValue={initial.currency} invalid={!!fe.currency}>
            {currencies.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} · {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Default phone region"
          name="defaultPhoneRegion"
          error={fe.defaultPhoneRegion}
          hint="ISO 3166 code for numbers without +country."
        >
          <Input
            name="defaultPhoneRegion"
            defaultValue={initial.defaultPhoneRegion}
            maxLength={2}
            className="uppercase"
            invalid={!!fe.defaultPhoneRegion}
          />
        </Field>
      </div>
      <datalist id="time-zones">
        {timeZones.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
      <ReferenceDateField initialMode={initial.referenceDateMode} initialDate={initial.referenceDate} error={fe.referenceDate} />
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
