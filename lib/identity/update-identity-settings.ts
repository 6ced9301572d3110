import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { getIdentitySettings, type IdentitySettings } from "./get-identity-settings";
import { identitySettingsFormSchema, type IdentitySettingsFormInput } from "./schemas";

/** Saves the resolver's rules (threshold and blocklist); they apply to the next batch of calls. */
export async function updateIdentitySettings(options: { values: IdentitySettingsFormInput; actor: Actor }): Promise<IdentitySettings> {
  const values = identitySettingsFormSchema.parse(options.values);
  const before = await getIdentitySettings();
  return db.$transaction(async (tx) => {
    const saved = await tx.identitySetting.upsert({
      where: { id: 1 },
      create: { id: 1, ...values },
      update: values,
      select: { maxProfilesPerIdentifier: true, blocklist: true },
    });
    await writeAuditLog(
      { actor: options.actor, action: "identity_settings.updated", targetType: "identity_settings", targetId: 1, before, after: saved },
      tx,
    );
    return saved;
  });
}
