import { parseArgs } from "node:util";
import { systemActor } from "../../lib/audit/write-audit-log";
import { settingKeys } from "../../lib/settings/setting-keys";
import { getSettingValues, setSettingValue } from "../../lib/settings/setting-values";
import { prepareDatabase } from "../prepare-database";
import { UsageError } from "../usage-error";

/** tailor settings get [key] [--json] | settings set <key> <value> */
export async function settingsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  const [sub, key, ...rest] = positionals;
  if (sub === "get" && rest.length === 0) {
    await prepareDatabase();
    const got = await getSettingValues({ key });
    if (values.json) console.log(JSON.stringify(got, null, 2));
    else if (key) console.log(got[key]);
    else {
      const width = Math.max(...settingKeys.map((k) => k.key.length));
      for (const k of settingKeys) console.log(`${k.key.padEnd(width)}  ${got[k.key]}`);
    }
    return 0;
  }
  if (sub === "set" && key && rest.length === 1) {
    await prepareDatabase();
    const now = await setSettingValue({ key, value: rest[0]!, actor: systemActor("cli") });
    console.log(values.json ? JSON.stringify({ [key]: now }) : `${key} = ${now}`);
    return 0;
  }
  throw new UsageError(
    `settings: expected \`settings get [key]\` or \`settings set <key> <value>\` (keys: ${settingKeys.map((k) => k.key).join(", ")})`,
  );
}
