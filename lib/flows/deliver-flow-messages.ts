import { systemActor } from "../audit/write-audit-log";
import { classifyRecipientsSql } from "../campaigns/mailable-audience";
import { takeSendTokens } from "../campaigns/rate-limiter";
import { addSuppression } from "../consent/add-suppression";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { getSettings } from "../settings/get-settings";
import { loadLiveFlows } from "./load-live-flows";
import { walkSteps } from "./schemas";
import { sendFlowEmails, type FlowEmail, type FlowEmailOutcome } from "./send-flow-emails";

type Claimed = Omit<FlowEmail, "subject" | "preheader" | "senderName" | "marketing"> & { attempts: number };

/** A row left "sending" this long (its process died mid-send) is taken again, flagged as a possible duplicate. */
const STALE_MS = 120_000;
/** A message the SMTP server refused for now waits this long per attempt before the next one (at most a minute)… */
const RETRY_STEP_MS = 5_000;
/** …and fails for good after this many attempts. */
const MAX_ATTEMPTS = 20;
/** Messages per SMTP connection sent before their outcomes are committed. */
const SLICE_PER_CONNECTION = 2;
/** Flows send through the installation's default sending account: its rate limits are shared with campaigns. */
const ACCOUNT_ID = "default";

/**
 * Delivers the emails flows handed over, through the campaigns' sending path: claims queued rows
 * (SKIP LOCKED), checks each person at this moment with the campaigns' one definition of who will
 * receive (consent, suppression, frequency cap, address) — skipped rows keep their reason — takes
 * send tokens from the default sending account's rate limits (shared with campaigns through Redis;
 * rows beyond them wait for the next pass), renders and sends like a campaign chunk (tracking,
 * List-Unsubscribe, the account's SMTP pool: send-flow-emails.ts), and records the outcome with a
 * frequency-cap row for marketing mail. A 5xx answer puts the address on the suppression list as a
 * hard bounce; a 4xx one is retried with backoff. Rows are marked "sending" before SMTP, with a
 * Message-ID derived from the row, so a crash can at worst resend what was in flight, flagged and
 * under the same Message-ID — and messages go out a slice (two per SMTP connection) at a time, each
 * slice's outcomes committed before the next, so that is all a crash can resend.
 */
export async function deliverFlowMessages(
  opts: { limit?: number; now?: Date } = {},
): Promise<{ sent: number; skipped: number; failed: number; held: number }> {
  const now = opts.now ?? new Date();
  const settings = await getSettings();
  const { skipped, ok } = await claimAndClassify(now, opts.limit ?? 200);
  if (!ok.length) return { sent: 0, skipped, failed: 0, held: 0 };

  const account = await db.sendingAccount.findUnique({ where: { id: ACCOUNT_ID } });
  let granted = ok.length;
  if (account) {
    try {
      granted = (await takeSendTokens({ accountId: account.id, perSecond: account.perSecond, perHour: account.perHour }, ok.length))
        .granted;
    } catch {
      granted = 0; // Redis away: the limits cannot be checked, so nothing goes out until it is back.
    }
  }
  const held = ok.slice(granted);
  if (held.length)
    await db.$executeRaw`
      UPDATE flow_messages SET status = 'queued', attempts = attempts - 1, claimed_at = NULL
      WHERE id = ANY(${held.map((r) => r.id.toString())}::bigint[]) AND status = 'sending'`;
  const rows = ok.slice(0, granted);
  if (!rows.length) return { sent: 0, skipped, failed: 0, held: held.length };

  // A slice at a time, its outcomes committed before the next goes out: a crash can resend at most
  // one slice (flagged, same Message-ID); the rest of the batch was never handed to SMTP.
  const poolSize = account?.poolSize ?? 5;
  let failed = 0;
  const startedAt = Date.now();
  for (let i = 0; i < rows.length; i += poolSize * SLICE_PER_CONNECTION) {
    const slice = rows.slice(i, i + poolSize * SLICE_PER_CONNECTION);
    // The rows still to go are renewed as this process's, so a slow server never lets another worker take them as stale.
    if (i > 0 && Date.now() - startedAt > STALE_MS / 4)
      await db.$executeRaw`
        UPDATE flow_messages SET claimed_at = ${new Date(now.getTime() + Date.now() - startedAt)}::timestamptz
        WHERE id = ANY(${rows.slice(i).map((r) => r.id.toString())}::bigint[]) AND status = 'sending'`;
    const outcomes = await sendFlowEmails({ rows: slice, settings, poolSize });
    await recordOutcomes(outcomes, slice);
    await suppressHardBounces(outcomes.filter((o) => o.hardBounce));
    failed += outcomes.filter((o) => o.error !== null).length;
  }
  return { sent: rows.length - failed, skipped, failed, held: held.length };
}

/** Claims due rows and skips, with their reason, those nobody may email now. */
async function claimAndClassify(now: Date, limit: number): Promise<{ skipped: number; ok: (FlowEmail & { attempts: number })[] }> {
  return db.$transaction(async (tx) => {
    // Messages waiting for a send time that has come are queued; one whose run left the flow
    // meanwhile (an exit criterion, a removed step) is not sent, as a wait would have taken them out.
    await tx.$executeRaw`
      UPDATE flow_messages m SET status = CASE WHEN r.status = 'exited' THEN 'skipped' ELSE 'queued' END,
        skip_reason = CASE WHEN r.status = 'exited' THEN 'exited' END
      FROM flow_runs r
      WHERE m.status = 'waiting' AND m.due_at <= ${now}::timestamptz AND r.id = m.run_id`;
    const rows = await tx.$queryRaw<Claimed[]>`
      UPDATE flow_messages m SET status = 'sending', claimed_at = ${now}::timestamptz, attempts = m.attempts + 1,
        possible_duplicate = m.possible_duplicate OR m.status = 'sending'
      WHERE m.id IN (SELECT id FROM flow_messages
                     WHERE (status = 'queued' AND (claimed_at IS NULL
                              OR claimed_at < ${now}::timestamptz - least(attempts * ${RETRY_STEP_MS}::int, 60000) * interval '1 millisecond'))
                        OR (status = 'sending' AND claimed_at < ${new Date(now.getTime() - STALE_MS)}::timestamptz)
                     ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING m.id, m.flow_id AS "flowId", m.step_id AS "stepId", m.customer_id AS "customerId", m.template_id AS "templateId",
        m.trigger_event_id AS "triggerEventId", m.attempts, m.experiment_id AS "experimentId", m.variant`;
    if (!rows.length) return { skipped: 0, ok: [] };
    // In the order they were handed over (RETURNING keeps no order).
    rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    // Each row's send step (transactional steps skip consent and caps; subject, preheader and sender name may be the step's own).
    const flows = new Map(
      (await loadLiveFlows({ tx, ids: [...new Set(rows.map((r) => r.flowId))], statuses: ["active", "paused", "archived", "draft"] })).map(
        (f) => [f.id, f],
      ),
    );
    const withStep = rows.map((r): FlowEmail & { attempts: number } => {
      const step = [...walkSteps(flows.get(r.flowId)?.steps ?? [])].find((s) => s.step.id === r.stepId)?.step;
      const send = step?.kind === "send_email" ? step : undefined;
      return {
        ...r,
        triggerEventId: r.triggerEventId === null ? null : BigInt(r.triggerEventId),
        experimentId: r.experimentId === null ? null : BigInt(r.experimentId),
        subject: send?.subject || null,
        preheader: send?.preheader || null,
        senderName: send?.senderName || null,
        marketing: send?.category !== "transactional",
      };
    });
    const reasons = new Map<number, string | null>();
    for (const marketing of [false, true]) {
      const group = withStep.filter((r) => r.marketing === marketing);
      if (!group.length) continue;
      const sql = await classifyRecipientsSql({
        customers: Prisma.sql`SELECT unnest(${group.map((r) => r.customerId)}::int[]) AS customer_id`,
        rank: { transactional: !marketing },
        at: now,
      });
      for (const r of await tx.$queryRaw<{ customer_id: number; reason: string | null }[]>(sql)) reasons.set(r.customer_id, r.reason);
    }
    const skipped = withStep.filter((r) => reasons.get(r.customerId) !== null);
    if (skipped.length) {
      await tx.$executeRaw`
        UPDATE flow_messages m SET status = 'skipped', skip_reason = u.reason
        FROM unnest(${skipped.map((r) => r.id.toString())}::bigint[], ${skipped.map((r) => reasons.get(r.customerId) ?? "no_address")}::text[]) AS u(id, reason)
        WHERE m.id = u.id`;
    }
    return { skipped: skipped.length, ok: withStep.filter((r) => reasons.get(r.customerId) === null) };
  });
}

async function recordOutcomes(outcomes: FlowEmailOutcome[], rows: (FlowEmail & { attempts: number })[]): Promise<void> {
  const attemptsOf = new Map(rows.map((r) => [r.id, r.attempts]));
  const sent = outcomes.filter((o) => o.error === null);
  // Refused for now: queued again with backoff, until MAX_ATTEMPTS.
  const failed = outcomes
    .filter((o) => o.error !== null)
    .map((o) => ({ ...o, permanent: o.permanent || (attemptsOf.get(o.row.id) ?? 0) >= MAX_ATTEMPTS }));
  await db.$transaction(async (tx) => {
    if (sent.length) {
      await tx.$executeRaw`
        UPDATE flow_messages m SET status = 'sent', sent_at = now(), email = u.email, message_id = u.message_id,
          template_version_id = u.version_id, tracking_id = u.tracking_id
        FROM unnest(${sent.map((o) => o.row.id.toString())}::bigint[], ${sent.map((o) => o.email)}::text[], ${sent.map((o) => o.messageId)}::text[],
          ${sent.map((o) => o.templateVersionId)}::text[], ${sent.map((o) => o.trackingId)}::text[])
          AS u(id, email, message_id, version_id, tracking_id)
        WHERE m.id = u.id`;
      const capped = sent.filter((o) => o.row.marketing);
      if (capped.length) {
        await tx.$executeRaw`
          INSERT INTO frequency_cap_sends (customer_id, source_type, source_id, sent_at)
          SELECT u.customer_id, 'flow', u.source_id, now()
          FROM unnest(${capped.map((o) => o.row.customerId)}::int[], ${capped.map((o) => `${o.row.flowId}:${o.row.stepId}:${o.row.id}`)}::text[])
            AS u(customer_id, source_id)
          ON CONFLICT DO NOTHING`;
      }
    }
    if (failed.length) {
      await tx.$executeRaw`
        UPDATE flow_messages m SET status = CASE WHEN u.permanent THEN 'failed' ELSE 'queued' END, error = u.error, email = coalesce(u.email, m.email)
        FROM unnest(${failed.map((o) => o.row.id.toString())}::bigint[], ${failed.map((o) => o.error)}::text[],
          ${failed.map((o) => o.permanent)}::boolean[], ${failed.map((o) => o.email)}::text[])
          AS u(id, error, permanent, email)
        WHERE m.id = u.id`;
    }
  });
}

/** SMTP 5xx: the address goes on the suppression list as a hard bounce (idempotent), as for campaigns. */
async function suppressHardBounces(outcomes: FlowEmailOutcome[]): Promise<void> {
  for (const o of outcomes) {
    if (!o.email) continue;
    try {
      await addSuppression({
        email: o.email,
        reason: "hard_bounce",
        source: `flow:${o.row.flowId}`,
        note: o.error ?? "",
        actor: systemActor("worker"),
      });
    } catch (e) {
      console.error(`Could not suppress a hard-bounced address: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
