import { env } from "../env";
import type { Settings } from "../settings/get-settings";

export interface CampaignSender {
  name: string;
  address: string;
  replyTo: string;
  /** The domain of Message-IDs. */
  domain: string;
}

/** The campaign's sender, else the settings' sender, else MAIL_FROM, else the organisation at noreply@<host>. */
export function campaignSender(
  campaign: { senderName: string; senderEmail: string; replyTo: string },
  settings: Pick<Settings, "organisationName" | "senderName" | "senderEmail" | "replyTo">,
): CampaignSender {
  let address = campaign.senderEmail || settings.senderEmail;
  let name = campaign.senderName || settings.senderName;
  if (!address) {
    const configured = env().MAIL_FROM ? /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(env().MAIL_FROM!) : null;
    if (configured) {
      address = configured[2]!;
      name ||= configured[1]!.trim();
    } else if (env().MAIL_FROM) {
      address = env().MAIL_FROM!.trim();
    } else {
      const host = env().NEXTAUTH_URL ? new URL(env().NEXTAUTH_URL!).hostname : "localhost";
      address = `noreply@${host === "localhost" || !host.includes(".") ? "localhost.localdomain" : host}`;
    }
  }
  name ||= settings.organisationName;
  return { name, address, replyTo: campaign.replyTo || settings.replyTo, domain: address.split("@")[1] ?? "localhost.localdomain" };
}

/** The Message-ID of a campaign's message to a customer: the same for every copy, so a copy re-sent after a crash threads with the first. */
export function campaignMessageId(campaignId: string, customerId: number, domain: string): string {
  return `<${campaignId}.${customerId}@${domain}>`;
}
