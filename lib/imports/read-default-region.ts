import { db } from "../db";

/** Settings' default phone region ("GB"): numbers without a country code are read in it. */
export async function readDefaultRegion(): Promise<string> {
  const s = await db.setting.findUnique({ where: { id: 1 }, select: { defaultPhoneRegion: true } });
  return s?.defaultPhoneRegion.trim() || "GB";
}
