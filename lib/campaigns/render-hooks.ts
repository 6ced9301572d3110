import type { RenderedEmail } from "../templates/types";

/**
 * Where tracking plugs into the per-recipient render of campaign sends: `context` adds variables
 * to the recipient's Liquid context (e.g. a signed per-recipient token used by links rewritten at
 * compile time), `html` may rewrite the rendered HTML (e.g. append an open pixel). Registered once
 * per process by the module that implements them.
 */
export interface CampaignRenderHook {
  name: string;
  context?(args: { campaignId: string; customerId: number }): Record<string, unknown>;
  html?(html: string, args: { campaignId: string; customerId: number }): string;
}

const hooks: CampaignRenderHook[] = [];

export function registerCampaignRenderHook(hook: CampaignRenderHook): void {
  const at = hooks.findIndex((h) => h.name === hook.name);
  if (at >= 0) hooks[at] = hook;
  else hooks.push(hook);
}

export function hookContext(args: { campaignId: string; customerId: number }): Record<string, unknown> {
  let extra: Record<string, unknown> = {};
  for (const h of hooks) if (h.context) extra = { ...extra, ...h.context(args) };
  return extra;
}

export function hookHtml(email: RenderedEmail, args: { campaignId: string; customerId: number }): RenderedEmail {
  let html = email.html;
  for (const h of hooks) if (h.html) html = h.html(html, args);
  return html === email.html ? email : { ...email, html };
}
