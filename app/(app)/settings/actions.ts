"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { saveTrackingSettings, trackingSettingsSchema } from "@/lib/email-tracking/save-tracking-settings";
import { settingsFormSchema } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/update-settings";
import { saveTestSendAddresses } from "@/lib/sending/test-send-recipients";
import { testSendAddressesSchema } from "@/lib/sending/test-send-schema";
import { saveFlowLinkDomains } from "@/lib/flows/link-domains";
import { flowLinkDomainsSchema } from "@/lib/flows/link-domains-schema";

const saveSettingsAction = defineAction({
  minRole: "admin",
  schema: settingsFormSchema,
  run: async ({ input, user }) => {
    const saved = await updateSettings({ values: input, actor: actorOf(user) });
    revalidatePath("/", "layout");
    return { timeZone: saved.timeZone, currency: saved.currency, defaultPhoneRegion: saved.defaultPhoneRegion };
  },
});

export async function saveSettings(input: unknown) {
  return saveSettingsAction(input);
}

const saveTrackingSettingsDefinition = defineAction({
  minRole: "admin",
  schema: trackingSettingsSchema,
  run: async ({ input, user }) => {
    const saved = await saveTrackingSettings({ input, actor: actorOf(user) });
    revalidatePath("/settings");
    return saved;
  },
});

/** Campaign tracking: the revenue attribution window and the machine address list. */
export async function saveTrackingSettingsAction(input: unknown) {
  return saveTrackingSettingsDefinition(input);
}

const saveTestSendAddressesDefinition = defineAction({
  minRole: "admin",
  schema: testSendAddressesSchema,
  run: async ({ input, user }) => {
    const saved = await saveTestSendAddresses({ addresses: input.addresses, actor: actorOf(user) });
    revalidatePath("/settings");
    return { addresses: saved };
  },
});

/** The addresses besides the users' that test emails may go to. */
export async function saveTestSendAddressesAction(input: unknown) {
  return saveTestSendAddressesDefinition(input);
}

const saveFlowLinkDomainsDefinition = defineAction({
  minRole: "admin",
  schema: flowLinkDomainsSchema,
  run: async ({ input, user }) => {
    const saved = await saveFlowLinkDomains({ domains: input.domains, actor: actorOf(user) });
    revalidatePath("/settings");
    return { domains: saved };
  },
});

/** Replaces the domains flow emails may link to (besides the sender's and the installation's). Admins only. */
export async function saveFlowLinkDomainsAction(input: unknown) {
  return saveFlowLinkDomainsDefinition(input);
}
