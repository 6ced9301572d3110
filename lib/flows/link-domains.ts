import type { Actor } from "../audit/write-audit-log";
import { campaignSender } from "../campaigns/campaign-sender";
import { installationUrl } from "../http/installation-url";
import type { Settings } from "../settings/get-settings";
import { getSettingList, saveSettingList } from "../settings/setting-lists";
import { allowedLinkHosts } from "../templates/cart-event";

/** The domains an admin allows flow emails to link to, besides the sender's and the installation's (Settings). */
export function getFlowLinkDomains(): Promise<string[]> {
  return getSettingList("flowLinkDomains");
}

/** Replaces the list of domains flow emails may link to. Audit-logged. */
export function saveFlowLinkDomains(options: { domains: string[]; actor: Actor }): Promise<string[]> {
  return saveSettingList({ list: "flowLinkDomains", values: options.domains, action: "settings.flow_link_domains", actor: options.actor });
}

/** The hosts flow emails may always link to: the sender address's domain and the installation's host. */
export function builtInFlowLinkHosts(settings: Settings): string[] {
  const sender = campaignSender({ senderName: "", senderEmail: "", replyTo: "" }, settings);
  return allowedLinkHosts({ senderEmail: sender.address, installationUrl: installationUrl() });
}

/**
 * Where links and images taken from a tracked event may point in a flow email: the built-in hosts
 * and the domains allowed in Settings (each with its subdomains). Anything else falls back to the
 * product catalogue's page and image, or is left out.
 */
export async function flowLinkHosts(settings: Settings): Promise<string[]> {
  return [...new Set([...builtInFlowLinkHosts(settings), ...(await getFlowLinkDomains())])];
}
