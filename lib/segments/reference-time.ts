import { getSettings, referenceNow } from "../settings/get-settings";

/** The "as of" moment for rules: the pinned reference date, else now. `pinned` turns the live timers off. */
export async function segmentReferenceTime(opts: { now?: Date } = {}): Promise<{ ref: Date; pinned: boolean }> {
  const settings = await getSettings();
  return { ref: settings.referenceDate ?? opts.now ?? referenceNow(settings), pinned: settings.referenceDate !== null };
}
