"use client";

import { useRouter } from "next/navigation";
import type { z } from "zod";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { CardBody, CardHeader } from "@/components/ui/card";
import { Field, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action-result";

/** A settings card holding one list (one entry a line) saved through its own server action. */
export function ListSettingForm<S extends z.ZodType, R>(props: {
  title: string;
  description: string;
  label: string;
  name: string;
  hint: string;
  placeholder: string;
  values: string[];
  savedMessage: string;
  submitLabel: string;
  schema: S;
  action: (input: unknown) => Promise<ActionResult<R>>;
}) {
  const router = useRouter();
  const form = useActionForm({ schema: props.schema, action: props.action, onSuccess: () => router.refresh() });
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <CardHeader title={props.title} description={props.description} />
      <CardBody className="space-y-4">
        <FormStatus form={form} success={props.savedMessage} />
        <Field label={props.label} name={props.name} error={form.fieldErrors[props.name]} hint={props.hint}>
          <Textarea
            name={props.name}
            rows={4}
            mono
            defaultValue={props.values.join("\n")}
            placeholder={props.placeholder}
            invalid={!!form.fieldErrors[props.name]}
          />
        </Field>
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : props.submitLabel}
        </Button>
      </CardBody>
    </form>
  );
}
