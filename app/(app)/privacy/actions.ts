"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { recordConsent } from "@/lib/consent/record-consent";
import { createConsentPurpose, setPurposeDefault } from "@/lib/consent/save-consent-purpose";
import { previewPurposeDefault } from "@/lib/consent/preview-purpose-default";
import { purposeDefaultFormSchema, purposeDefaultPreviewSchema, purposeFormSchema, recordConsentFormSchema } from "@/lib/consent/schemas";

const setDefault = defineAction({
  minRole: "admin",
  schema: purposeDefaultFormSchema,
  run: async ({ input, user }) => {
    await setPurposeDefault({ key: input.key, defaultRule: input.defaultRule, reason: input.reason, actor: actorOf(user) });
    revalidatePath("/privacy");
  },
});

const previewDefault = defineAction({
  minRole: "admin",
  schema: purposeDefaultPreviewSchema,
  run: async ({ input }) => previewPurposeDefault(input),
});

const addPurpose = defineAction({
  minRole: "admin",
  schema: purposeFormSchema,
  run: async ({ input, user }) => {
    await createConsentPurpose({ ...input, actor: actorOf(user) });
    revalidatePath("/privacy");
  },
});

const recordChange = defineAction({
  minRole: "admin",
  schema: recordConsentFormSchema,
  run: async ({ input, user }) => {
    const record = await recordConsent({
      customerId: input.customerId,
      purpose: input.purpose,
      status: input.status,
      source: "admin",
      proof: { reason: input.reason },
      recordedById: user.id,
      actor: actorOf(user),
    });
    revalidatePath(`/privacy/customers/${input.customerId}`);
    return { id: String(record.id) };
  },
});

export async function setPurposeDefaultAction(input: unknown) {
  return setDefault(input);
}
export async function previewPurposeDefaultAction(input: unknown) {
  return previewDefault(input);
}
export async function createPurposeAction(input: unknown) {
  return addPurpose(input);
}
export async function recordConsentAction(input: unknown) {
  return recordChange(input);
}
