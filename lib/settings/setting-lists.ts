import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";

/** The settings row's list columns an admin edits one entry a line. */
export type SettingList = "testSendAddresses" | "flowLinkDomains";

/** One list of the settings row ([] before the row exists). */
export async function getSettingList(list: SettingList): Promise<string[]> {
  const row = await db.setting.findUnique({ where: { id: 1 }, select: { testSendAddresses: true, flowLinkDomains: true } });
  return row?.[list] ?? [];
}

/** Replaces one list of the settings row. Audit-logged as `action`, with the list before and after. */
export async function saveSettingList(options: { list: SettingList; values: string[]; action: string; actor: Actor }): Promise<string[]> {
  const before = await getSettingList(options.list);
  const data = { [options.list]: options.values };
  await db.setting.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  await writeAuditLog({
    actor: options.actor,
    action: options.action,
    targetType: "setting",
    targetId: 1,
    before: { [options.list]: before },
    after: { [options.list]: options.values },
  });
  return options.values;
}
