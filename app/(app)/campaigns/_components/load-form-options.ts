import { listSegments } from "@/lib/segments/list-segments";
import { getSettings } from "@/lib/settings/get-settings";
import { listTemplates } from "@/lib/templates/list-templates";
import type { CampaignFormOptions } from "./campaign-form";

/** Segments, templates and the sender defaults the campaign form offers. */
export async function loadFormOptions(): Promise<CampaignFormOptions> {
  const [segments, templates, settings] = await Promise.all([listSegments(), listTemplates(), getSettings()]);
  return {
    segments: segments.map((s) => ({ id: s.id, name: s.name, memberCount: s.memberCount })),
    // A template whose versions are all drafts cannot be sent yet: its name says so in the picker.
    templates: templates
      .filter((t) => t.latest)
      .map((t) => ({
        id: t.id,
        name: t.current ? t.name : `${t.name} (only drafts: not sendable yet)`,
        subject: t.latest?.subject ?? null,
      })),
    defaults: {
      senderName: settings.senderName,
      senderEmail: settings.senderEmail,
      replyTo: settings.replyTo,
      timeZone: settings.timeZone,
    },
  };
}
