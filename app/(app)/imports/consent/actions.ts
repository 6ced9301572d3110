"use server";

import { plural } from "@/components/format";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { importConsentCsv } from "@/lib/consent/import-consent-csv";
import { csvUploadSchema } from "@/lib/consent/suppression-schemas";

const importConsent = defineAction({
  minRole: "marketer",
  schema: csvUploadSchema,
  run: async ({ input, user }) => {
    const r = await importConsentCsv({ csv: input.csv, dryRun: input.dryRun, actor: actorOf(user) });
    const verb = input.dryRun ? "would be imported" : "imported";
    return {
      summary: `${plural(r.rowsRead, "row")} read: ${r.imported} ${verb}, ${r.alreadyPresent} already present, ${r.rejected.length} rejected.`,
      rejected: r.rejected,
    };
  },
});

export async function importConsentAction(input: unknown) {
  return importConsent(input);
}
