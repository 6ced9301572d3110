import { writeAuditLog, systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { env } from "../env";
import { isAppError } from "../errors";
import { assignVariantsSql, experimentSplit } from "../experiments/assign-variants-sql";
import { recordFirstWave } from "../experiments/record-first-wave";
import { Prisma } from "../generated/prisma/client";
import { getSettings } from "../settings/get-settings";
import { audienceCustomersSql, classifyRecipientsSql } from "./mailable-audience";
import { prepareCampaignTemplate } from "./prepare-campaign-template";
import { recipientTimeZoneSql } from "./recipient-time-zone";
import { requestChunks, requestFanOut } from "./request-campaign-work";
import { fanOutAt } from "./schedule-campaign";

/** Chunk numbers of one local-hour group start at group × this. */
const GROUP_STRIDE = 1_000_000;

export interface FanOutResult {
  status: "frozen" | "already" | "not-due" | "not-scheduled" | "failed";
  recipients?: number;
  chunks?: number;
}

/**
 * At send time: freezes the campaign's recipients into the send ledger in one set-based statement
 * (mailable rows queued in chunks, the others skipped with their reason), records the chunks with
 * when each is due, marks the campaign sending, then queues the chunk jobs. Idempotent: a second
 * run finds the campaign no longer scheduled and only queues unfinished chunks again.
 */
export async function fanOutCampaign(options: {
  campaignId: string;
  chunkSize?: number;
  /** The moment taken as now (tests of local-hour schedules); the clock otherwise. */
  now?: Date;
}): Promise<FanOutResult> {
  // Rows per chunk job (CAMPAIGN_CHUNK_SIZE, 500): one context query, one render batch, a few seconds of sending.
  const chunkSize = options.chunkSize ?? env().CAMPAIGN_CHUNK_SIZE;
  const c = await db.campaign.findUnique({ where: { id: options.campaignId } });
  if (!c) return { status: "not-scheduled" };
  if (c.status === "sending") {
    const chunks = await db.campaignChunk.findMany({ where: { campaignId: c.id, doneAt: null }, select: { chunk: true, dueAt: true } });
    await requestChunks({ campaignId: c.id, chunks });
    return { status: "already", chunks: chunks.length };
  }
  if (c.status !== "scheduled" || !c.templateVersionId) return { status: "not-scheduled" };
  const settings = await getSettings();
  const now = options.now ?? new Date();
  const at = fanOutAt(c, settings.timeZone);
  if (at && at.getTime() > now.getTime() + 1000) {
    await requestFanOut({ campaignId: c.id, at });
    return { status: "not-due" };
  }
  try {
    await prepareCampaignTemplate(
      { campaignId: c.id, templateVersionId: c.templateVersionId, subject: c.subject, preheader: c.preheader },
      settings,
    );
  } catch (e) {
    if (!isAppError(e)) throw e;
    await db.$transaction(async (tx) => {
      const { count } = await tx.campaign.updateMany({
        where: { id: c.id, status: "scheduled" },
        data: { status: "failed", error: e.message },
      });
      if (count)
        await writeAuditLog(
          { actor: systemActor("worker"), action: "campaign.fail", targetType: "campaign", targetId: c.id, after: { error: e.message } },
          tx,
        );
    });
    return { status: "failed" };
  }

  const classified = await classifyRecipientsSql({
    customers: audienceCustomersSql(c),
    rank: { campaignId: c.id, priority: c.priority, createdAt: c.createdAt, transactional: c.transactional },
  });
  const experiment = await db.campaignExperiment.findUnique({ where: { campaignId: c.id } });
  const split = experimentSplit(experiment, now);
  const mailable = assignVariantsSql(c.id, split);
  const tz = recipientTimeZoneSql(settings.timeZone);
  const due =
    c.scheduleKind === "local_hour" && c.scheduledAt && c.localHour != null
      ? Prisma.sql`greatest(${now}::timestamptz, ((${c.scheduledAt}::timestamptz AT TIME ZONE ${settings.timeZone})::date + make_interval(hours => ${c.localHour}::int)) AT TIME ZONE (${tz.zone}))`
      : Prisma.sql`${now}::timestamptz`;

  const result = await db.$transaction(
    async (tx) => {
      // Locks the row: a second fan-out waits here, then finds the campaign sending.
      const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM campaigns WHERE id = ${c.id} FOR UPDATE`;
      if (locked?.status !== "scheduled") return null;
      const [counts] = await tx.$queryRaw<{ recipients: number; chunks: number; audience: number }[]>`
        WITH classified AS MATERIALIZED (
          SELECT x.customer_id, x.reason, ${due} AS due${split?.sendTimes ? Prisma.sql`, ${tz.zone} AS zone` : Prisma.empty}
          FROM (${classified}) x JOIN customers c ON c.id = x.customer_id ${tz.join}
        ), mailable AS MATERIALIZED (${mailable}
        ), numbered AS MATERIALIZED (
          SELECT customer_id, due, variant,
            (dense_rank() OVER (ORDER BY due) - 1) * ${GROUP_STRIDE}::int
              + (row_number() OVER (PARTITION BY due ORDER BY customer_id) - 1)::int / ${chunkSize}::int AS chunk
          FROM mailable WHERE state = 'queued'
        ), ledger AS (
          INSERT INTO campaign_sends (campaign_id, customer_id, chunk, state, skip_reason, variant, updated_at)
          SELECT ${c.id}, customer_id, chunk, 'queued'::"SendState", NULL, variant, now() FROM numbered
          UNION ALL
          -- Experiments: the holdout group (skipped, sent nothing) and the rows held for the winner or the next waves.
          SELECT ${c.id}, customer_id, -1, state::"SendState", CASE WHEN state = 'skipped' THEN 'holdout'::"SkipReason" END, variant, now()
          FROM mailable WHERE state <> 'queued'
          UNION ALL
          SELECT ${c.id}, customer_id, -1, 'skipped'::"SendState", reason::"SkipReason", NULL, now() FROM classified WHERE reason IS NOT NULL
          ON CONFLICT DO NOTHING
        ), chunks AS (
          INSERT INTO campaign_chunks (campaign_id, chunk, due_at, rows)
          SELECT ${c.id}, chunk, min(due), count(*)::int FROM numbered GROUP BY chunk
          ON CONFLICT DO NOTHING
        )
        SELECT (SELECT count(*)::int FROM numbered) AS recipients,
               (SELECT count(DISTINCT chunk)::int FROM numbered) AS chunks,
               (SELECT count(*)::int FROM classified) AS audience`;
      if (experiment?.mode === "bandit") await recordFirstWave(tx, c.id);
      await tx.campaign.update({
        where: { id: c.id },
        data: {
          status: counts!.recipients === 0 ? "finished" : "sending",
          audienceCount: counts!.audience,
          startedAt: new Date(),
          ...(counts!.recipients === 0 ? { finishedAt: new Date() } : {}),
        },
      });
      await writeAuditLog(
        {
          actor: systemActor("worker"),
          action: "campaign.start",
          targetType: "campaign",
          targetId: c.id,
          after: { audience: counts!.audience, recipients: counts!.recipients, chunks: counts!.chunks },
        },
        tx,
      );
      return counts!;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  if (!result) return fanOutCampaign(options);
  const chunks = await db.campaignChunk.findMany({ where: { campaignId: c.id, doneAt: null }, select: { chunk: true, dueAt: true } });
  await requestChunks({ campaignId: c.id, chunks });
  return { status: "frozen", recipients: result.recipients, chunks: result.chunks };
}
