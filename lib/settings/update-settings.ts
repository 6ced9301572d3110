import { db } from "../db";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { getSettings, type Settings } from "./get-settings";
import type { SettingsFormValues } from "./schemas";

export interface UpdateSettingsOptions {
  values: SettingsFormValues;
  actor: Actor;
}

type Editable = Pick<Settings, "organisationName" | "postalAddress" | "timeZone" | "currency" | "defaultPhoneRegion" | "referenceDate">;

/** Saves the settings row (upsert id = 1) and logs before/after in the audit log. */
export async function updateSettings(options: UpdateSettingsOptions): Promise<Editable> {
  const { referenceDateMode, referenceDate, ...rest } = options.values;
  const data: Editable = {
    ...rest,
    referenceDate: referenceDateMode === "pinned" ? new Date(`${referenceDate}T00:00:00Z`) : null,
  };
  return db.$transaction(async (tx) => {
    const before = toEditable(await getSettings({ tx }));
    await tx.setting.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await writeAuditLog(
      { actor: options.actor, action: "settings.update", targetType: "settings", targetId: 1, before: toJson(before), after: toJson(data) },
      tx,
    );
    return data;
  });
}

function toEditable(s: Settings): Editable {
  const { organisationName, postalAddress, timeZone, currency, defaultPhoneRegion, referenceDate } = s;
  return { organisationName, postalAddress, timeZone, currency, defaultPhoneRegion, referenceDate };
}

function toJson(s: Editable): Record<string, string | null> {
  return { ...s, referenceDate: s.referenceDate ? s.referenceDate.toISOString().slice(0, 10) : null };
}
