"use client";

import { testSendAddressesSchema } from "@/lib/sending/test-send-schema";
import { saveTestSendAddressesAction } from "../actions";
import { ListSettingForm } from "./list-setting-form";

/** Who besides Tailor's users may receive test emails (each shows a real customer's data). */
export function TestSendAddressesForm({ addresses }: { addresses: string[] }) {
  return (
    <ListSettingForm
      title="Test emails"
      description="A test email shows a real customer's data, so it goes only to Tailor's users and to the addresses below. Its unsubscribe links change nothing."
      label="Other allowed addresses"
      name="addresses"
      hint="One address a line, e.g. a colleague at your agency or a seed inbox; @example.com allows a whole domain. Empty: users only."
      placeholder={"qa@agency.example\n@shop.example"}
      values={addresses}
      savedMessage="Saved: test emails may go to Tailor's users and the addresses listed."
      submitLabel="Save test addresses"
      schema={testSendAddressesSchema}
      action={saveTestSendAddressesAction}
    />
  );
}
