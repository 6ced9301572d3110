import { z } from "zod";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { replaceMachineIpRanges } from "./replace-machine-ip-ranges";

/** The Settings page's campaign tracking form (client-safe schema). */
export const trackingSettingsSchema = z.object({
  attributionDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int({ error: "Enter a whole number of days." })
    .min(1, { error: "At least 1 day." })
    .max(90, { error: "At most 90 days." }),
  /** Absent: the address list is left as it is. */
  machineIpList: z.string().max(5_000_000).optional(),
});

/** Saves the attribution window and, when given, replaces the machine address list. Audit-logged. */
export async function saveTrackingSettings(options: {
  input: z.output<typeof trackingSettingsSchema>;
  actor: Actor;
}): Promise<{ ranges: number | null }> {
  const ranges =
    options.input.machineIpList !== undefined
      ? (await replaceMachineIpRanges({ text: options.input.machineIpList, actor: options.actor })).ranges
      : null;
  await db.setting.upsert({
    where: { id: 1 },
    create: { id: 1, attributionDays: options.input.attributionDays },
    update: { attributionDays: options.input.attributionDays },
  });
  await writeAuditLog({
    actor: options.actor,
    action: "settings.attribution_days",
    targetType: "setting",
    targetId: 1,
    after: { attributionDays: options.input.attributionDays },
  });
  return { ranges };
}

export async function countMachineIpRanges(): Promise<number> {
  return db.machineIpRange.count();
}
