import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { findSettingKey, settingKeys } from "./setting-keys";

/** Every setting (or one) as text, by snake_case key. */
export async function getSettingValues(options: { key?: string } = {}): Promise<Record<string, string>> {
  const keys = options.key ? [findSettingKey(options.key)] : settingKeys;
  const [settings] = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM settings WHERE id = 1`;
  const [account] = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM sending_accounts WHERE id = 'default'`;
  const defaults = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT 'My shop' AS organisation_name, '' AS postal_address, 'UTC' AS time_zone, 'GBP' AS currency, 'GB' AS default_phone_region,
      NULL::timestamptz AS reference_date, '' AS sender_email, '' AS sender_name, '' AS reply_to, NULL::int AS frequency_cap_count, 7 AS frequency_cap_days`;
  const row = settings ?? defaults[0]!;
  const out: Record<string, string> = {};
  for (const k of keys) {
    const value =
      k.key === "frequency_cap"
        ? { count: row.frequency_cap_count ?? null, days: row.frequency_cap_days ?? 7 }
        : k.target.table === "settings"
          ? row[k.target.column]
          : account?.[k.target.column];
    out[k.key] = k.format(value);
  }
  return out;
}

/** Sets one setting from text (validated; the message says what is expected). Audit-logged with before and after. */
export async function setSettingValue(options: { key: string; value: string; actor: Actor }): Promise<string> {
  const k = findSettingKey(options.key);
  let parsed: unknown;
  try {
    parsed = k.parse(options.value);
  } catch (e) {
    throw new AppError("unprocessable", `${k.key}: expected ${e instanceof Error ? e.message : String(e)}; got "${options.value}".`);
  }
  const before = (await getSettingValues({ key: k.key }))[k.key];
  await db.$transaction(async (tx) => {
    if (k.target.table === "settings") {
      await tx.$executeRaw`INSERT INTO settings (id, updated_at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING`;
      if (k.key === "frequency_cap") {
        const cap = parsed as { count: number | null; days: number };
        await tx.setting.update({ where: { id: 1 }, data: { frequencyCapCount: cap.count, frequencyCapDays: cap.days } });
      } else {
        await tx.$executeRawUnsafe(`UPDATE settings SET "${k.target.column}" = $1, updated_at = now() WHERE id = 1`, parsed);
      }
    } else {
      await tx.$executeRawUnsafe(`UPDATE sending_accounts SET "${k.target.column}" = $1, updated_at = now() WHERE id = 'default'`, parsed);
    }
    const after = k.format(parsed);
    await writeAuditLog(
      {
        actor: options.actor,
        action: "settings.update",
        targetType: "settings",
        targetId: k.key,
        before: { [k.key]: before },
        after: { [k.key]: after },
      },
      tx,
    );
  });
  return (await getSettingValues({ key: k.key }))[k.key]!;
}
