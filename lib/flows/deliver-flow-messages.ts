import { classifyRecipientsSql } from "../campaigns/mailable-audience";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { installationUrl } from "../http/installation-url";
import { campaignSender } from "../campaigns/campaign-sender";
import { formatAddress } from "../sending/build-mime";
import { pooledTransport } from "../sending/smtp-transport";
import { getSettings, type Settings } from "../settings/get-settings";
import { compileTemplateCached } from "../templates/compile-cached";
import { loadContexts } from "../templates/load-contexts";
import { renderEmail } from "../templates/render-email";
import { toTemplateSettings } from "../templates/template-settings";
import { allowedLinkHosts, cartProductsOf } from "../templates/cart-event";
import { loadLiveFlows } from "./load-live-flows";
import { walkSteps } from "./schemas";

interface Claimed {
  id: bigint;
  flowId: string;
  stepId: string;
  customerId: number;
  templateId: string;
  triggerEventId: bigint | null;
}

/** A row left "sending" this long (its process died mid-send) is taken again, flagged as a possible duplicate. */
const STALE_MS = 120_000;

/**
 * Delivers the emails flows handed over: claims queued rows (SKIP LOCKED), checks each person at
 * this moment with the campaigns' one definition of who will receive (consent, suppression,
 * frequency cap, address) — skipped rows keep their reason — renders the template's current version
 * with the cart's items from the triggering event, sends over SMTP_URL (or the development Outbox server),
 * and records the outcome with a frequency-cap row for marketing mail. Rows are marked "sending"
 * before SMTP, with a Message-ID derived from the row, so a crash can at worst resend what was in
 * flight, flagged and under the same Message-ID.
 */
export async function deliverFlowMessages(
  opts: { limit?: number; now?: Date } = {},
): Promise<{ sent: number; skipped: number; failed: number }> {
  const now = opts.now ?? new Date();
  const settings = await getSettings();
  const claimedRows = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Claimed[]>`
      UPDATE flow_messages m SET status = 'sending', claimed_at = ${now}::timestamptz, attempts = m.attempts + 1,
        possible_duplicate = m.possible_duplicate OR m.status = 'sending'
      WHERE m.id IN (SELECT id FROM flow_messages
                     WHERE status = 'queued' OR (status = 'sending' AND claimed_at < ${new Date(now.getTime() - STALE_MS)}::timestamptz)
                     ORDER BY id LIMIT ${opts.limit ?? 200} FOR UPDATE SKIP LOCKED)
      RETURNING m.id, m.flow_id AS "flowId", m.step_id AS "stepId", m.customer_id AS "customerId", m.template_id AS "templateId",
        m.trigger_event_id AS "triggerEventId"`;
    if (!rows.length) return { skipped: 0, ok: [] };
    // Who may get it now, per step (transactional steps skip consent and caps).
    const flows = new Map(
      (await loadLiveFlows({ tx, ids: [...new Set(rows.map((r) => r.flowId))], statuses: ["active", "paused", "archived", "draft"] })).map(
        (f) => [f.id, f],
      ),
    );
    const transactional = (r: Claimed) => {
      const step = [...walkSteps(flows.get(r.flowId)?.steps ?? [])].find((s) => s.step.id === r.stepId)?.step;
      return step?.kind === "send_email" && step.category === "transactional";
    };
    const reasons = new Map<number, string | null>();
    for (const kind of [true, false]) {
      const group = rows.filter((r) => transactional(r) === kind);
      if (!group.length) continue;
      const sql = await classifyRecipientsSql({
        customers: Prisma.sql`SELECT unnest(${group.map((r) => r.customerId)}::int[]) AS customer_id`,
        rank: { transactional: kind },
        at: now,
      });
      for (const r of await tx.$queryRaw<{ customer_id: number; reason: string | null }[]>(sql)) reasons.set(r.customer_id, r.reason);
    }
    const skipped = rows.filter((r) => reasons.get(r.customerId) !== null);
    if (skipped.length) {
      await tx.$executeRaw`
        UPDATE flow_messages m SET status = 'skipped', skip_reason = u.reason
        FROM unnest(${skipped.map((r) => r.id.toString())}::bigint[], ${skipped.map((r) => reasons.get(r.customerId) ?? "no_address")}::text[]) AS u(id, reason)
        WHERE m.id = u.id`;
    }
    return {
      skipped: skipped.length,
      ok: rows.filter((r) => reasons.get(r.customerId) === null).map((r) => ({ ...r, marketing: !transactional(r) })),
    };
  });
  const { skipped, ok: claimed } = claimedRows;
  if (!claimed.length) return { sent: 0, skipped, failed: 0 };
  const outcomes = await sendAll(claimed, settings);
  const sent = outcomes.filter((o) => o.error === null);
  const failed = outcomes.filter((o) => o.error !== null);
  await db.$transaction(async (tx) => {
    if (sent.length) {
      await tx.$executeRaw`
        UPDATE flow_messages m SET status = 'sent', sent_at = now(), email = u.email, message_id = u.message_id
        FROM unnest(${sent.map((o) => o.id.toString())}::bigint[], ${sent.map((o) => o.email)}::text[], ${sent.map((o) => o.messageId)}::text[])
          AS u(id, email, message_id)
        WHERE m.id = u.id`;
      const capped = sent.filter((o) => o.marketing);
      if (capped.length) {
        await tx.$executeRaw`
          INSERT INTO frequency_cap_sends (customer_id, source_type, source_id, sent_at)
          SELECT u.customer_id, 'flow', u.source_id, now()
          FROM unnest(${capped.map((o) => o.customerId)}::int[], ${capped.map((o) => `${o.flowId}:${o.stepId}:${o.id}`)}::text[]) AS u(customer_id, source_id)
          ON CONFLICT DO NOTHING`;
      }
    }
    if (failed.length) {
      await tx.$executeRaw`
        UPDATE flow_messages m SET status = CASE WHEN u.permanent THEN 'failed' ELSE 'queued' END, error = u.error
        FROM unnest(${failed.map((o) => o.id.toString())}::bigint[], ${failed.map((o) => o.error)}::text[], ${failed.map((o) => o.permanent)}::boolean[])
          AS u(id, error, permanent)
        WHERE m.id = u.id`;
    }
  });
  return { sent: sent.length, skipped, failed: failed.length };
}

interface Outcome {
  id: bigint;
  flowId: string;
  stepId: string;
  customerId: number;
  marketing: boolean;
  email: string | null;
  messageId: string;
  error: string | null;
  permanent: boolean;
}

async function sendAll(rows: (Claimed & { marketing: boolean })[], settings: Settings): Promise<Outcome[]> {
  const sender = campaignSender({ senderName: "", senderEmail: "", replyTo: "" }, settings);
  const from = formatAddress(sender.name, sender.address);
  const domain = sender.domain;
  const hosts = allowedLinkHosts({ senderEmail: from, installationUrl: installationUrl() });
  const templateSettings = toTemplateSettings(settings);
  // The template's current version (the newest non-draft), compiled once per batch and version.
  const versions = await db.emailTemplateVersion.findMany({
    where: { templateId: { in: [...new Set(rows.map((r) => r.templateId))] }, draft: false },
    orderBy: { number: "desc" },
    distinct: ["templateId"],
    select: { templateId: true, subject: true, preheader: true, mjml: true },
  });
  const compiled = new Map(
    await Promise.all(
      versions.map(
        async (v) =>
          [
            v.templateId,
            await compileTemplateCached({ subject: v.subject, preheader: v.preheader, mjml: v.mjml }, templateSettings),
          ] as const,
      ),
    ),
  );
  const recipients = new Map(
    (await loadContexts({ customerIds: [...new Set(rows.map((r) => r.customerId))], settings })).map((r) => [r.customerId, r]),
  );
  // The triggering events, and whether their call may fill an email (a secret key, or not the tracking API).
  const eventIds = rows.flatMap((r) => (r.triggerEventId === null ? [] : [r.triggerEventId.toString()]));
  const events = new Map(
    (
      await db.$queryRaw<{ id: bigint; type: string; properties: unknown; trusted: boolean }[]>`
        SELECT e.id, e.type, e.properties, coalesce(k.kind::text = 'secret', e.source NOT LIKE 'tracking:%') AS trusted
        FROM events e LEFT JOIN api_keys k ON k.id = nullif(e.api_key_id, '')
        WHERE e.id = ANY(${eventIds}::bigint[])`
    ).map((e) => [BigInt(e.id), e]),
  );
  const transport = pooledTransport(2);
  return Promise.all(
    rows.map(async (row): Promise<Outcome> => {
      const messageId = `<flow-${row.id}@${domain}>`;
      const base = { id: row.id, flowId: row.flowId, stepId: row.stepId, customerId: row.customerId, marketing: row.marketing, messageId };
      const recipient = recipients.get(row.customerId);
      const template = compiled.get(row.templateId);
      if (!recipient?.email || !template)
        return { ...base, email: null, error: template ? "no address" : "the template has no current version", permanent: true };
      try {
        const event = row.triggerEventId === null ? undefined : events.get(row.triggerEventId);
        const context = {
          ...recipient.context,
          event: event
            ? {
                type: event.type,
                properties: { products: event.trusted ? cartProductsOf(event.properties, { allowedHosts: hosts }) : [] },
              }
            : { type: null, properties: { products: [] } },
        };
        const email = await renderEmail(template, context);
        const headers = recipient.unsubscribe.headers;
        // Over SMTP_URL, or the development Outbox server when it is unset (the same path as campaigns).
        await transport.sendMail({
          from,
          to: recipient.email,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers,
          messageId,
        });
        return { ...base, email: recipient.email, error: null, permanent: false };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const code = (e as { responseCode?: number }).responseCode;
        return {
          ...base,
          email: recipient.email,
          error: message,
          permanent: code === undefined ? !/ECONN|ETIMEDOUT|socket/i.test(message) : code >= 500,
        };
      }
    }),
  );
}
