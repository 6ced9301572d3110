"use server";

import { headers } from "next/headers";
import { definePublicAction } from "@/lib/auth/define-action.server";
import { preferenceCentreVersion, preferencesFormSchema } from "@/lib/consent/preferences-schema";
import { updatePreferences } from "@/lib/consent/update-preferences";
import { clientProof } from "@/lib/http/client-proof";

const savePreferencesAction = definePublicAction({
  schema: preferencesFormSchema,
  run: async ({ input }) => {
    return updatePreferences({
      token: input.token,
      choices: input.choices,
      formVersion: preferenceCentreVersion,
      ...clientProof(await headers()),
    });
  },
});

/** The person's own choices; the signed token in the link is the only credential. */
export async function savePreferences(input: unknown) {
  return savePreferencesAction(input);
}
