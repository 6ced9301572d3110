"use client";

import { useState } from "react";
import { useAddForm } from "@/components/forms/use-add-form";
import { FormStatus } from "@/components/forms/form-status";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { inviteUserSchema } from "@/lib/users/schemas";
import { inviteUserAction } from "../actions";

export function InviteUserForm() {
  const [invited, setInvited] = useState<{ email: string; temporaryPassword: string } | null>(null);
  const form = useAddForm({ schema: inviteUserSchema, action: inviteUserAction, onAdded: setInvited });
  const fe = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4 p-5">
      <FormStatus form={form} />
      {invited && form.succeeded ? (
        <Alert tone="success" title={`${invited.email} can sign in now`}>
          One-time password (shown once): <code className="rounded bg-white px-1 font-mono select-all">{invited.temporaryPassword}</code>.
          Hand it over privately; they should change it on their Account page.
        </Alert>
      ) : null}
      <Field label="Email" name="email" error={fe.email}>
        <Input name="email" type="email" invalid={!!fe.email} />
      </Field>
      <Field label="Name" name="name" error={fe.name}>
        <Input name="name" />
      </Field>
      <Field label="Role" name="role" error={fe.role}>
        <Select name="role" defaultValue="viewer">
          <option value="viewer">Viewer — reads, emails and phones masked</option>
          <option value="marketer">Marketer — imports, segments, templates, sends</option>
          <option value="admin">Admin — everything, incl. users and privacy</option>
        </Select>
      </Field>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Inviting…" : "Invite"}
      </Button>
    </form>
  );
}
