"use client";

import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { identitySettingsFormSchema } from "@/lib/identity/schemas";
import { saveIdentityRules } from "../actions";

/** The resolver's never-merge rules: the junk threshold and the blocklist. */
export function IdentityRulesForm({ initial }: { initial: { maxProfilesPerIdentifier: number; blocklist: string[] } }) {
  const form = useActionForm({ schema: identitySettingsFormSchema, action: saveIdentityRules });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5 p-5">
      <FormStatus form={form} success="Identity rules saved; they apply to the next calls processed." />
      <div className="grid gap-5 sm:grid-cols-3">
        <Field
          label="Most profiles one identifier may join"
          name="maxProfilesPerIdentifier"
          error={fe.maxProfilesPerIdentifier}
          hint="An email, phone or anonymous id that would fold more profiles than this into one is flagged as junk and no longer merged on."
        >
          <Input
            name="maxProfilesPerIdentifier"
            type="number"
            min={2}
            defaultValue={initial.maxProfilesPerIdentifier}
            invalid={!!fe.maxProfilesPerIdentifier}
          />
        </Field>
        <div className="sm:col-span-2">
          <Field
            label="Blocklist"
            name="blocklist"
            error={fe.blocklist}
            hint="Never merged on, one per line: emails (lowercase), phones (digits or +E.164), anonymous ids."
          >
            <Textarea name="blocklist" rows={5} mono defaultValue={initial.blocklist.join("\n")} invalid={!!fe.blocklist} />
          </Field>
        </div>
      </div>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save identity rules"}
      </Button>
    </form>
  );
}
