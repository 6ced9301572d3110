import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { previewPurposeDefault } from "./preview-purpose-default";
import { builtInPurposes, getConsentPurpose } from "./purposes";
import type { ConsentDefaultRule } from "./schemas";

/** Adds a purpose an admin defines (e.g. sms_marketing). Keys are permanent: records refer to them. */
export async function createConsentPurpose(options: {
  key: string;
  label: string;
  description: string;
  defaultRule: ConsentDefaultRule;
  actor: Actor;
}) {
  if (await getConsentPurpose({ key: options.key }))
    throw new AppError("conflict", `A purpose with the key ${options.key} exists already; choose another key.`);
  const row = await db.consentPurpose.create({
    data: { key: options.key, label: options.label, description: options.description, defaultRule: options.defaultRule },
  });
  await writeAuditLog({
    actor: options.actor,
    action: "consent_purpose.create",
    targetType: "consent_purpose",
    targetId: row.key,
    after: { label: row.label, defaultRule: row.defaultRule },
  });
  return row;
}

/**
 * Changes what applies to people without a record for the purpose. Needs a reason; audit-logged with
 * before, after, the reason and how many people it decided for at that moment.
 */
export async function setPurposeDefault(options: { key: string; defaultRule: ConsentDefaultRule; reason: string; actor: Actor }) {
  const purpose = await getConsentPurpose({ key: options.key });
  if (!purpose) throw new AppError("not_found", `There is no purpose ${options.key}.`);
  if (purpose.defaultRule === options.defaultRule) return purpose;
  const reason = options.reason.trim();
  if (reason.length < 5)
    throw new AppError("unprocessable", "Say why you change this default (at least 5 characters); it is kept in the audit log.", {
      field: "reason",
    });
  const change = await previewPurposeDefault({ key: options.key, defaultRule: options.defaultRule });
  const builtIn = builtInPurposes.find((p) => p.key === options.key);
  await db.consentPurpose.upsert({
    where: { key: options.key },
    create: {
      key: options.key,
      label: builtIn?.label ?? purpose.label,
      description: builtIn?.description ?? purpose.description,
      defaultRule: options.defaultRule,
    },
    update: { defaultRule: options.defaultRule },
  });
  await writeAuditLog({
    actor: options.actor,
    action: "consent_purpose.set_default",
    targetType: "consent_purpose",
    targetId: options.key,
    before: { defaultRule: purpose.defaultRule },
    after: { defaultRule: options.defaultRule, reason, withoutRecord: change.withoutRecord, effect: change.effect },
  });
  return { ...purpose, defaultRule: options.defaultRule };
}
