import { campaignSender } from "../campaigns/campaign-sender";
import { prepareCampaignTemplate } from "../campaigns/prepare-campaign-template";
import { db } from "../db";
import { flowTrackingId } from "../email-tracking/flow-tracking-id";
import { buildMime } from "../sending/build-mime";
import { pooledTransport } from "../sending/smtp-transport";
import type { Settings } from "../settings/get-settings";
import type { CompiledTemplate } from "../templates/compile-template";
import { loadContexts } from "../templates/load-contexts";
import { renderEmail } from "../templates/render-email";
import { variantSource } from "../experiments/campaign-variant";
import { loadStepExperiments } from "./experiments/load-step-experiments";
import { flowLinkHosts } from "./link-domains";
import { loadFlowEventContexts } from "./load-flow-event-contexts";

/** A claimed flow message, with what its send step says. */
export interface FlowEmail {
  id: bigint;
  flowId: string;
  stepId: string;
  customerId: number;
  templateId: string;
  triggerEventId: bigint | null;
  subject: string | null;
  preheader: string | null;
  /** The step's own sender name (null: the sending account's). */
  senderName: string | null;
  marketing: boolean;
  /** The step's experiment and the variant this person was assigned (A–D), if the step tests something. */
  experimentId: bigint | null;
  variant: string | null;
}

export interface FlowEmailOutcome {
  row: FlowEmail;
  email: string | null;
  messageId: string;
  templateVersionId: string | null;
  trackingId: string;
  /** null: accepted by the SMTP server. */
  error: string | null;
  /** Will not be tried again (a 5xx answer, no address, a template that cannot be sent). */
  permanent: boolean;
  /** The SMTP server refused the address for good (5xx): it goes on the suppression list. */
  hardBounce: boolean;
}

/**
 * Renders and sends flow emails the way campaign chunks do (docs/decisions/090, 095): the template's
 * current version compiled once per step with the same checks (no errors, an unsubscribe link and
 * the postal address), links tracked and an open pixel signed per flow step and recipient, the
 * List-Unsubscribe headers, the MIME built by the same code, and the account's SMTP pool. The
 * triggering event's cart fills `event` (lib/flows/load-flow-event-contexts.ts).
 */
export async function sendFlowEmails(opts: { rows: FlowEmail[]; settings: Settings; poolSize: number }): Promise<FlowEmailOutcome[]> {
  const { rows, settings } = opts;
  const sender = campaignSender({ senderName: "", senderEmail: "", replyTo: "" }, settings);
  const experiments = await loadStepExperiments(rows);
  const versions = await db.emailTemplateVersion.findMany({
    // The template's current version: the newest non-draft (content variants' templates too).
    where: {
      templateId: {
        in: [
          ...new Set([
            ...rows.map((r) => r.templateId),
            ...[...experiments.values()].flatMap((e) => e.variants.map((v) => v.templateId ?? "")),
          ]),
        ],
      },
      draft: false,
    },
    orderBy: { number: "desc" },
    distinct: ["templateId"],
    select: { id: true, templateId: true },
  });
  const versionOf = new Map(versions.map((v) => [v.templateId, v.id]));
  // One compile per step and version (cached across passes by prepareCampaignTemplate).
  const templates = new Map<string, Promise<CompiledTemplate>>();
  const templateOf = (row: FlowEmail, versionId: string) => {
    const key = `${row.flowId}/${row.stepId}/${versionId}/${row.subject}/${row.preheader}`;
    let t = templates.get(key);
    if (!t) {
      t = prepareCampaignTemplate(
        {
          campaignId: flowTrackingId(row.flowId, row.stepId),
          templateVersionId: versionId,
          subject: row.subject,
          preheader: row.preheader,
        },
        settings,
      );
      t.catch(() => undefined);
      templates.set(key, t);
    }
    return t;
  };
  const recipients = new Map(
    (await loadContexts({ customerIds: [...new Set(rows.map((r) => r.customerId))], settings })).map((r) => [r.customerId, r]),
  );
  const events = await loadFlowEventContexts({
    eventIds: rows.flatMap((r) => (r.triggerEventId === null ? [] : [r.triggerEventId])),
    allowedHosts: await flowLinkHosts(settings),
    defaultRegion: settings.defaultPhoneRegion,
  });
  const transport = pooledTransport(opts.poolSize);
  return Promise.all(
    rows.map(async (own): Promise<FlowEmailOutcome> => {
      // The variant's subject, preheader, template or sender name in place of the step's.
      const experiment = own.experimentId === null ? undefined : experiments.get(own.experimentId);
      const source = variantSource(
        {
          templateVersionId: versionOf.get(own.templateId) ?? "",
          subject: own.subject,
          preheader: own.preheader,
          senderName: own.senderName ?? "",
        },
        experiment
          ? {
              dimension: experiment.dimension,
              variants: experiment.variants.map((v) => ({ ...v, templateVersionId: v.templateId ? versionOf.get(v.templateId) : null })),
            }
          : null,
        own.variant,
      );
      const row = { ...own, subject: source.subject, preheader: source.preheader };
      const versionId = source.templateVersionId || null;
      const from = { name: source.senderName || sender.name, address: sender.address };
      const base = {
        row,
        messageId: `<flow-${row.id}@${sender.domain}>`,
        templateVersionId: versionId,
        trackingId: flowTrackingId(row.flowId, row.stepId),
        hardBounce: false,
      };
      const recipient = recipients.get(row.customerId);
      if (!recipient?.email || !recipient.email.includes("@"))
        return { ...base, email: null, error: "The customer has no email address any more.", permanent: true };
      if (!versionId)
        return {
          ...base,
          email: recipient.email,
          error: "The template has no current version (only drafts): make a version current on its Versions page.",
          permanent: true,
        };
      let raw: string;
      try {
        const template = await templateOf(row, versionId);
        const event = (row.triggerEventId !== null ? events.get(row.triggerEventId) : undefined) ?? {
          type: null,
          properties: { products: [] },
        };
        const email = await renderEmail(template, { ...recipient.context, event });
        raw = buildMime({
          from,
          to: recipient.email,
          replyTo: sender.replyTo || undefined,
          subject: email.subject,
          messageId: base.messageId,
          date: new Date(),
          headers: { ...recipient.unsubscribe.headers, "X-Tailor-Flow": row.flowId },
          html: email.html,
          text: email.text,
        });
      } catch (e) {
        return { ...base, email: recipient.email, error: e instanceof Error ? e.message : String(e), permanent: true };
      }
      try {
        await transport.sendMail({ envelope: { from: sender.address, to: [recipient.email] }, raw });
        return { ...base, email: recipient.email, error: null, permanent: false };
      } catch (e) {
        const { responseCode: code, response } = e as { responseCode?: number; response?: string };
        const message = (response ?? (e instanceof Error ? e.message : String(e))).slice(0, 500);
        const hardBounce = code !== undefined && code >= 500 && code < 600;
        // Refused for now (4xx) or the server away: queued again for the next pass.
        return { ...base, email: recipient.email, error: message, permanent: hardBounce, hardBounce };
      }
    }),
  );
}
