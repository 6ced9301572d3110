"use client";

import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { CardBody, CardHeader } from "@/components/ui/card";
import { Field, Textarea } from "@/components/ui/field";
import { testSendAddressesSchema } from "@/lib/sending/test-send-schema";
import { saveTestSendAddressesAction } from "../actions";

/** Who besides Tailor's users may receive test emails (each shows a real customer's data). */
export function TestSendAddressesForm({ addresses }: { addresses: string[] }) {
  const router = useRouter();
  const form = useActionForm({ schema: testSendAddressesSchema, action: saveTestSendAddressesAction, onSuccess: () => router.refresh() });
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <CardHeader
        title="Test emails"
        description="A test email shows a real customer's data, so it goes only to Tailor's users and to the addresses below. Its unsubscribe links change nothing."
      />
      <CardBody className="space-y-4">
        <FormStatus form={form} success="Saved: test emails may go to Tailor's users and the addresses listed." />
        <Field
          label="Other allowed addresses"
          name="addresses"
          error={form.fieldErrors.addresses}
          hint="One address a line, e.g. a colleague at your agency or a seed inbox; @example.com allows a whole domain. Empty: users only."
        >
          <Textarea
            name="addresses"
            rows={4}
            mono
            defaultValue={addresses.join("\n")}
            placeholder={"qa@agency.example\n@shop.example"}
            invalid={!!form.fieldErrors.addresses}
          />
        </Field>
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save test addresses"}
        </Button>
      </CardBody>
    </form>
  );
}
