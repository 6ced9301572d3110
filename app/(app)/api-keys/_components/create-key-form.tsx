"use client";

import { useState } from "react";
import { useAddForm } from "@/components/forms/use-add-form";
import { FormStatus } from "@/components/forms/form-status";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { apiKeyFormSchema } from "@/lib/tracking/schemas";
import { createApiKeyAction } from "../actions";

/** Creates a key; its token is shown here once and never again. */
export function CreateKeyForm() {
  const [created, setCreated] = useState<{ label: string; kind: string; token: string } | null>(null);
  const [kind, setKind] = useState("public");
  const form = useAddForm({
    schema: apiKeyFormSchema,
    action: createApiKeyAction,
    onAdded: (key) => {
      setCreated(key);
      setKind("public");
    },
  });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5 p-5">
      <FormStatus form={form} />
      {created ? (
        <Alert tone="success" title={`Key “${created.label}” created. Copy it now: it is shown only once.`}>
          <code data-testid="new-api-key" className="mt-1 block rounded bg-white/70 px-2 py-1 font-mono text-xs break-all select-all">
            {created.token}
          </code>
        </Alert>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-3">
        <Field label="Label" name="label" error={fe.label} hint="What uses it, e.g. “Website” or “Order system”.">
          <Input name="label" invalid={!!fe.label} placeholder="Website" />
        </Field>
        <Field
          label="Kind"
          name="kind"
          error={fe.kind}
          hint={kind === "public" ? "Public: send events only; safe in web pages." : "Secret: servers only; may also read profiles."}
        >
          <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="public">Public (browsers, apps)</option>
            <option value="secret">Secret (servers)</option>
          </Select>
        </Field>
        <Field label="Source" name="source" error={fe.source} hint="userIds sent with this key are external ids of this source.">
          <Input name="source" defaultValue="website" invalid={!!fe.source} />
        </Field>
      </div>
      {kind === "public" ? (
        <Field
          label="Allowed origins"
          name="allowedOrigins"
          error={fe.allowedOrigins}
          hint="Web pages allowed to send with this key (CORS), one per line, e.g. https://shop.example.com."
        >
          <Textarea name="allowedOrigins" rows={2} mono placeholder="https://shop.example.com" invalid={!!fe.allowedOrigins} />
        </Field>
      ) : null}
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Creating…" : "Create key"}
      </Button>
    </form>
  );
}
