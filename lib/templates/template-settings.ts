import { getSettings, type Settings } from "../settings/get-settings";
import type { TemplateSettings } from "./compile-template";

export function toTemplateSettings(settings: Settings): TemplateSettings {
  return { currency: settings.currency, timeZone: settings.timeZone, postalAddress: settings.postalAddress };
}

export async function loadTemplateSettings(): Promise<TemplateSettings> {
  return toTemplateSettings(await getSettings());
}
