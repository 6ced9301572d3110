import { db } from "../db";
import { installationUrl } from "../http/installation-url";
import { AppError } from "../errors";
import { getSettings, type Settings } from "../settings/get-settings";
import { compileTemplate, type CompiledTemplate } from "../templates/compile-template";
import { toTemplateSettings } from "../templates/template-settings";

export interface CampaignTemplateSource {
  /**
   * The campaign the email is for: its links go through the installation and it carries an open
   * pixel, with tokens signed for this campaign and each recipient (docs/decisions/095). Absent:
   * no tracking (checks before a campaign exists).
   */
  campaignId?: string;
  templateVersionId: string;
  subject: string | null;
  preheader: string | null;
}

const cache = new Map<string, Promise<CompiledTemplate>>();

/**
 * The campaign's pinned template version compiled once (MJML at most once per process and version),
 * with the campaign's own subject and preheader when it has them. Refuses a template with errors, or
 * without the unsubscribe link or the postal address: every marketing email must carry both.
 */
export async function prepareCampaignTemplate(source: CampaignTemplateSource, settings?: Settings): Promise<CompiledTemplate> {
  const s = settings ?? (await getSettings());
  const key = JSON.stringify([source, toTemplateSettings(s)]);
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(source, s);
    cache.set(key, compiled);
    compiled.catch(() => cache.delete(key));
    if (cache.size > 16) cache.delete(cache.keys().next().value!);
  }
  return compiled;
}

async function compile(source: CampaignTemplateSource, settings: Settings): Promise<CompiledTemplate> {
  const version = await db.emailTemplateVersion.findUnique({
    where: { id: source.templateVersionId },
    select: { subject: true, preheader: true, mjml: true, number: true, template: { select: { name: true } } },
  });
  if (!version) throw new AppError("not_found", "The campaign's template version no longer exists: pick the template again.");
  const draft = { subject: source.subject ?? version.subject, preheader: source.preheader ?? version.preheader, mjml: version.mjml };
  const tracking = source.campaignId ? { baseUrl: installationUrl(), campaignId: source.campaignId } : undefined;
  const compiled = await compileTemplate(draft, toTemplateSettings(settings), { tracking });
  const where = `template "${version.template.name}" version ${version.number}`;
  const error = compiled.diagnostics.find((d) => d.severity === "error");
  if (error) throw new AppError("unprocessable", `Fix ${where} before sending: ${error.field}, line ${error.line}: ${error.message}`);
  const footer = compiled.diagnostics.find((d) => d.source === "footer");
  if (footer) throw new AppError("unprocessable", `Tailor will not send ${where}: ${footer.message}`);
  if (!settings.postalAddress.trim())
    throw new AppError("unprocessable", "Set the organisation's postal address in Settings first: every marketing email must carry it.");
  return compiled;
}
