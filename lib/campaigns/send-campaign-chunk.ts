import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { writeAuditLog, systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { env } from "../env";
import { Prisma } from "../generated/prisma/client";
import { parseVariants, variantSource } from "../experiments/campaign-variant";
import { getSettings } from "../settings/get-settings";
import { buildMimeBuffer } from "../sending/build-mime";
import { mergeContextUses } from "../templates/context-uses";
import { loadContexts } from "../templates/load-contexts";
import { renderEmail } from "../templates/render-email";
import { campaignMessageId, campaignSender } from "./campaign-sender";
import { classifyRecipientsSql } from "./mailable-audience";
import { prepareCampaignTemplate } from "./prepare-campaign-template";
import { dispatcherFor, type Outcome, type Outgoing } from "./send-dispatcher";

export interface ChunkResult {
  status: "sent" | "busy" | "done" | "stopped";
  sent?: number;
  failed?: number;
  skipped?: number;
  retry?: number;
}

/**
 * Messages rendered at a time before handing them to the dispatcher: small, because SMTP replies
 * and ledger commits wait while a slice renders. A chunk renders only while fewer than
 * RENDER_AHEAD of this process's messages wait to be claimed (memory stays small).
 */
const RENDER_SLICE = 10;
const RENDER_AHEAD = 100;

/**
 * Delivers one chunk of a campaign's ledger (docs/decisions/090): takes the chunk's lease (or
 * returns when a live worker holds it), re-checks consent, suppression and the frequency cap of its
 * queued rows at this moment, renders each recipient (compile-once template; Liquid only), builds
 * the MIME and hands it to the process's dispatcher, which claims, sends and records each row.
 * Rows left `sending` by a crash are sent again (flagged). Throws when the SMTP server refused some
 * messages for now, so that the job is retried with backoff.
 */
export async function sendCampaignChunk(options: { campaignId: string; chunk: number; signal?: AbortSignal }): Promise<ChunkResult> {
  const { campaignId, chunk } = options;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = env().CAMPAIGN_LEASE_MS;
  const taken = await db.$executeRaw`
    UPDATE campaign_chunks SET lease_owner = ${owner}, lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
    WHERE campaign_id = ${campaignId} AND chunk = ${chunk} AND done_at IS NULL AND (lease_until IS NULL OR lease_until < now())`;
  if (taken === 0) {
    const row = await db.campaignChunk.findUnique({ where: { campaignId_chunk: { campaignId, chunk } }, select: { doneAt: true } });
    return { status: !row || row.doneAt ? "done" : "busy" };
  }
  const renew = setInterval(
    () => {
      void db.$executeRaw`
      UPDATE campaign_chunks SET lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
      WHERE campaign_id = ${campaignId} AND chunk = ${chunk} AND lease_owner = ${owner}`.catch(() => undefined);
    },
    Math.floor(leaseMs / 3),
  );
  try {
    return await deliverChunk({ campaignId, chunk, owner });
  } finally {
    clearInterval(renew);
    await db.$executeRaw`
      UPDATE campaign_chunks SET lease_owner = NULL, lease_until = NULL
      WHERE campaign_id = ${campaignId} AND chunk = ${chunk} AND lease_owner = ${owner}`;
  }
}

async function deliverChunk({ campaignId, chunk, owner }: { campaignId: string; chunk: number; owner: string }): Promise<ChunkResult> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    include: { sendingAccount: true },
  });
  if (!campaign || !campaign.templateVersionId) return { status: "done" };
  const sending = campaign.status === "sending";
  const settings = await getSettings();

  let skipped = 0;
  if (sending) {
    // The moment of sending: whoever unsubscribed, was suppressed or reached the cap since the fan-out is skipped now.
    const classified = await classifyRecipientsSql({
      customers: Prisma.sql`SELECT customer_id FROM campaign_sends WHERE campaign_id = ${campaignId} AND chunk = ${chunk} AND state = 'queued'`,
      rank: { campaignId, priority: campaign.priority, createdAt: campaign.createdAt, transactional: campaign.transactional },
    });
    // Read first, then written by key: each step linear in the chunk whatever the planner estimates.
    const skip = await db.$queryRaw<{ customer_id: number; reason: string }[]>`
      SELECT customer_id, reason FROM (${classified}) x WHERE reason IS NOT NULL`;
    if (skip.length > 0)
      skipped = await db.$executeRaw`
        UPDATE campaign_sends s SET state = 'skipped', skip_reason = x.reason::"SkipReason", updated_at = now()
        FROM unnest(${skip.map((r) => r.customer_id)}::int[], ${skip.map((r) => r.reason)}::text[]) AS x(customer_id, reason)
        WHERE s.campaign_id = ${campaignId} AND s.chunk = ${chunk} AND s.customer_id = x.customer_id AND s.state = 'queued'`;
  }
  // Rows in flight when a worker died are finished whatever the status; queued ones only while sending.
  const rows = await db.$queryRaw<{ customer_id: number; variant: string | null }[]>`
    SELECT customer_id, variant FROM campaign_sends
    WHERE campaign_id = ${campaignId} AND chunk = ${chunk} AND (state = 'sending' OR (state = 'queued' AND ${sending}))
    ORDER BY customer_id`;

  const outcomes: Promise<Outcome>[] = [];
  if (rows.length > 0) {
    const own = {
      template: await prepareCampaignTemplate(
        { campaignId, templateVersionId: campaign.templateVersionId, subject: campaign.subject, preheader: campaign.preheader },
        settings,
      ),
      sender: campaignSender(campaign, settings),
    };
    // Experiments: each variant's own subject, preheader, template version or sender name (compiled once each).
    const variantOf = new Map(rows.map((r) => [r.customer_id, r.variant]));
    const stored = rows.some((r) => r.variant)
      ? await db.campaignExperiment.findUnique({ where: { campaignId }, select: { dimension: true, variants: true } })
      : null;
    const experiment = stored ? { dimension: stored.dimension, variants: parseVariants(stored.variants) } : null;
    const versions = new Map<string, Promise<typeof own>>();
    const messageFor = (variant: string | null | undefined): Promise<typeof own> => {
      if (!experiment || !variant) return Promise.resolve(own);
      let found = versions.get(variant);
      if (!found) {
        const base = {
          templateVersionId: campaign.templateVersionId!,
          subject: campaign.subject,
          preheader: campaign.preheader,
          senderName: campaign.senderName,
        };
        const source = variantSource(base, experiment, variant);
        found = prepareCampaignTemplate(
          { campaignId, templateVersionId: source.templateVersionId, subject: source.subject, preheader: source.preheader },
          settings,
        ).then((template) => ({ template, sender: campaignSender({ ...campaign, senderName: source.senderName }, settings) }));
        versions.set(variant, found);
      }
      return found;
    };
    const dispatcher = dispatcherFor({
      accountId: campaign.sendingAccountId,
      perSecond: campaign.sendingAccount.perSecond,
      perHour: campaign.sendingAccount.perHour,
      poolSize: campaign.sendingAccount.poolSize,
    });
    // The context every variant in this chunk reads (a variant that cannot be compiled fails its rows below).
    let uses = own.template.uses;
    for (const m of await Promise.allSettled([...new Set(rows.map((r) => r.variant))].map(messageFor)))
      if (m.status === "fulfilled") uses = mergeContextUses(uses, m.value.template.uses);
    const recipients = await loadContexts({ customerIds: rows.map((r) => r.customer_id), settings, uses });
    const renderFailures: { customerId: number; reason: "render_failed" | "no_address"; error: string }[] = [];
    for (let i = 0; i < recipients.length; i += RENDER_SLICE) {
      const batch: Outgoing[] = [];
      for (const r of recipients.slice(i, i + RENDER_SLICE)) {
        if (!r.email || !r.email.includes("@")) {
          renderFailures.push({ customerId: r.customerId, reason: "no_address", error: "The customer has no email address any more." });
          continue;
        }
        try {
          const { template, sender } = await messageFor(variantOf.get(r.customerId));
          const email = await renderEmail(template, r.context);
          const messageId = campaignMessageId(campaignId, r.customerId, sender.domain);
          const raw = buildMimeBuffer({
            from: { name: sender.name, address: sender.address },
            to: r.email,
            replyTo: sender.replyTo || undefined,
            subject: email.subject,
            messageId,
            date: new Date(),
            headers: { ...r.unsubscribe.headers, "X-Tailor-Campaign": campaignId },
            html: email.html,
            text: email.text,
          });
          batch.push({
            campaignId,
            chunk,
            customerId: r.customerId,
            email: r.email,
            envelopeFrom: sender.address,
            messageId,
            raw,
            leaseOwner: owner,
          });
        } catch (e) {
          renderFailures.push({ customerId: r.customerId, reason: "render_failed", error: e instanceof Error ? e.message : String(e) });
        }
      }
      outcomes.push(...dispatcher.send(batch));
      await new Promise((resolve) => setImmediate(resolve));
      await dispatcher.room(RENDER_AHEAD);
    }
    for (const f of renderFailures)
      await db.$executeRaw`
        UPDATE campaign_sends SET state = 'skipped', skip_reason = ${f.reason}::"SkipReason", error = ${f.error.slice(0, 500)}, updated_at = now()
        WHERE campaign_id = ${campaignId} AND customer_id = ${f.customerId} AND state IN ('queued', 'sending')`;
    skipped += renderFailures.length;
  }
  const results = await Promise.all(outcomes);
  const count = (kind: Outcome["kind"]) => results.filter((o) => o.kind === kind).length;
  const retry = results.filter((o): o is Extract<Outcome, { kind: "retry" }> => o.kind === "retry");

  const [open] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM campaign_sends WHERE campaign_id = ${campaignId} AND chunk = ${chunk} AND state IN ('queued', 'sending')`;
  if (open!.n === 0) {
    await db.campaignChunk.updateMany({ where: { campaignId, chunk, doneAt: null }, data: { doneAt: new Date() } });
    await finishCampaignIfDone(campaignId);
  }
  if (retry.length > 0)
    throw new Error(`The SMTP server refused ${retry.length} message(s) for now (${retry[0]!.error}); the chunk will be retried.`);
  return { status: open!.n === 0 ? "sent" : "stopped", sent: count("sent"), failed: count("failed"), skipped };
}

/** Marks a sending campaign finished (or a cancelled one ended) once every ledger row is final (none held for a winner either). Audit-logged. */
export async function finishCampaignIfDone(campaignId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`
      UPDATE campaigns SET status = CASE WHEN status = 'sending' THEN 'finished'::"CampaignStatus" ELSE status END,
        finished_at = now(), updated_at = now()
      WHERE id = ${campaignId} AND (status = 'sending' OR (status = 'cancelled' AND finished_at IS NULL))
        AND NOT EXISTS (SELECT 1 FROM campaign_sends WHERE campaign_id = ${campaignId} AND state IN ('queued', 'sending', 'held'))
      RETURNING status::text`;
    if (!row) return false;
    const [counts] = await tx.$queryRaw<{ sent: number; failed: number; skipped: number }[]>`
      SELECT count(*) FILTER (WHERE state = 'sent')::int AS sent, count(*) FILTER (WHERE state = 'failed')::int AS failed,
             count(*) FILTER (WHERE state = 'skipped')::int AS skipped
      FROM campaign_sends WHERE campaign_id = ${campaignId}`;
    await writeAuditLog(
      {
        actor: systemActor("worker"),
        action: row.status === "finished" ? "campaign.finish" : "campaign.end",
        targetType: "campaign",
        targetId: campaignId,
        after: { ...counts },
      },
      tx,
    );
    return true;
  });
}
