"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { addSuppression } from "@/lib/consent/add-suppression";
import { importSuppressionCsv } from "@/lib/consent/suppression-csv";
import { addSuppressionFormSchema, csvUploadSchema } from "@/lib/consent/suppression-schemas";
import { plural } from "@/components/format";

const add = defineAction({
  minRole: "admin",
  schema: addSuppressionFormSchema,
  run: async ({ input, user }) => {
    const r = await addSuppression({ email: input.email, reason: input.reason, note: input.note, source: "admin", actor: actorOf(user) });
    revalidatePath("/privacy/suppressions");
    return r;
  },
});

const importCsv = defineAction({
  minRole: "admin",
  schema: csvUploadSchema,
  run: async ({ input, user }) => {
    const r = await importSuppressionCsv({ csv: input.csv, actor: actorOf(user) });
    revalidatePath("/privacy/suppressions");
    return {
      summary: `${plural(r.rowsRead, "row")} read: ${plural(r.added, "address", "addresses")} added, ${r.alreadyListed} already listed, ${r.rejected.length} rejected.`,
      rejected: r.rejected,
    };
  },
});

export async function addSuppressionAction(input: unknown) {
  return add(input);
}
export async function importSuppressionsAction(input: unknown) {
  return importCsv(input);
}
