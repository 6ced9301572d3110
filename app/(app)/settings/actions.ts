"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { settingsFormSchema } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/update-settings";

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
