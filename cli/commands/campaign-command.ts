import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../../lib/audit/write-audit-log";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { getCampaignProgress, type CampaignProgress } from "../../lib/campaigns/get-campaign-progress";
import { getCampaignReport, type CampaignReport } from "../../lib/campaigns/get-campaign-report";
import { countAudienceFunnel, type AudienceFunnel } from "../../lib/campaigns/mailable-audience";
import { scheduleCampaign } from "../../lib/campaigns/schedule-campaign";
import { closeSendLedger } from "../../lib/campaigns/send-dispatcher";
import { skipReasonLabels, type SkipReason } from "../../lib/campaigns/schemas";
import { db } from "../../lib/db";
import { env, setEnv } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { campaignChunkJob, campaignFanOutJob } from "../../lib/jobs/campaign-jobs";
import { getQueue } from "../../lib/jobs/get-queue";
import { deleteSegment } from "../../lib/segments/delete-segment";
import { rebuildSegment } from "../../lib/segments/rebuild-segment";
import { saveSegment } from "../../lib/segments/save-segment";
import { segmentRulesSchema } from "../../lib/segments/schemas";
import { assertSmtpReachable, closeTransports } from "../../lib/sending/smtp-transport";
import { saveTemplateVersion } from "../../lib/templates/save-template-version";
import { cleanupQueuePrefix } from "../../lib/jobs/cleanup-queue-prefix";
import { startWorkers } from "../../workers/start-workers";
import { formatNumber, formatRows } from "../format-number";
import { prepareDatabase } from "../prepare-database";
import { createProgressLine } from "../progress-line";
import { UsageError } from "../usage-error";

const actor = systemActor("cli");

/** tailor campaign send … | campaign status <id> */
export async function campaignCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "send") return send(rest);
  if (sub === "status") return status(rest);
  throw new UsageError(
    "campaign: expected `campaign send --segment <id|name|rules.json> --template <id|file.mjml> [--subject TEXT] [--exclude <segment>]… [--dry-run] [--json]` or `campaign status <id> [--json]`",
  );
}

/** "12,480 in segments → 11,902 will receive: 410 without email consent, 96 suppressed, 72 over the frequency cap, 0 without an address" */
export function funnelLine(f: AudienceFunnel): string {
  return `${formatNumber(f.inSegments)} in segments → ${formatNumber(f.willReceive)} will receive: ${formatNumber(f.withoutConsent)} without email consent, ${formatNumber(f.suppressed)} suppressed, ${formatNumber(f.overCap)} over the frequency cap, ${formatNumber(f.withoutAddress)} without an address`;
}

const isFile = (p: string) =>
  access(path.resolve(p)).then(
    () => true,
    () => false,
  );

/** A segment by id, by exact name, or a rules file (saved as a new segment and built here). */
async function resolveSegment(ref: string, created: string[]): Promise<string> {
  if (ref.endsWith(".json") && (await isFile(ref))) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.resolve(ref), "utf8"));
    } catch (e) {
      throw new AppError("unprocessable", `${ref}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const candidate = typeof raw === "object" && raw !== null && "rules" in raw ? (raw as { rules: unknown }).rules : raw;
    const parsed = segmentRulesSchema.safeParse(candidate);
    if (!parsed.success)
      throw new AppError(
        "unprocessable",
        `${ref}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
      );
    const { id } = await saveSegment({
      input: { name: path.basename(ref, ".json"), description: `From ${path.resolve(ref)} (CLI)`, rules: parsed.data },
      actor,
    });
    created.push(id);
    await rebuildSegment({ segmentId: id });
    return id;
  }
  const byId = await db.segment.findUnique({ where: { id: ref }, select: { id: true } });
  if (byId) return byId.id;
  const byName = await db.segment.findMany({ where: { name: ref }, select: { id: true } });
  if (byName.length === 1) return byName[0]!.id;
  if (byName.length > 1) throw new AppError("conflict", `${byName.length} segments are named "${ref}": give the segment's id instead.`);
  throw new AppError("not_found", `No segment has the id or name "${ref}" (nor is it a rules .json file): list them on the Segments page.`);
}

/** A template by id, or an MJML file (saved as a new template). */
async function resolveTemplate(ref: string, subject: string | undefined): Promise<string> {
  if (ref.endsWith(".mjml") && (await isFile(ref))) {
    const mjml = await readFile(path.resolve(ref), "utf8");
    const template = await db.emailTemplate.create({ data: { name: path.basename(ref, ".mjml") }, select: { id: true } });
    await saveTemplateVersion({
      templateId: template.id,
      subject: subject ?? "News from {{ organisation.name }}",
      preheader: "",
      mjml,
      createdById: null,
      actor,
    });
    return template.id;
  }
  const byId = await db.emailTemplate.findUnique({ where: { id: ref }, select: { id: true } });
  if (byId) return byId.id;
  throw new AppError("not_found", `No template has the id "${ref}" (nor is it an .mjml file): pick one on the Templates page.`);
}

async function send(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      segment: { type: "string", multiple: true },
      template: { type: "string" },
      subject: { type: "string" },
      exclude: { type: "string", multiple: true },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`campaign send: unexpected argument ${positionals[0]}`);
  if (!values.segment?.length) throw new UsageError("campaign send: give the audience, --segment <id|name|rules.json>");
  if (!values.template) throw new UsageError("campaign send: give the template, --template <id|file.mjml>");
  await prepareDatabase();
  const created: string[] = [];
  const include: string[] = [];
  const exclude: string[] = [];
  try {
    for (const s of values.segment) include.push(await resolveSegment(s, created));
    for (const s of values.exclude ?? []) exclude.push(await resolveSegment(s, created));
    const audience = { includeSegmentIds: include, excludeSegmentIds: exclude };
    if (values["dry-run"]) {
      const funnel = await countAudienceFunnel({ audience });
      console.log(values.json ? JSON.stringify(funnel, null, 2) : funnelLine(funnel));
      return 0;
    }
    await assertSmtpReachable();
    const templateId = await resolveTemplate(values.template, values.subject);
    const funnel = await countAudienceFunnel({ audience });
    if (!values.json) console.error(funnelLine(funnel));
    const names = await db.segment.findMany({ where: { id: { in: include } }, select: { name: true } });
    const { id } = await createCampaign({
      input: {
        name: `${names.map((n) => n.name).join(" + ")} (CLI ${new Date().toISOString().slice(0, 16).replace("T", " ")})`,
        includeSegmentIds: include,
        excludeSegmentIds: exclude,
        templateId,
        subject: values.subject ?? null,
      },
      actor,
    });
    created.length = 0; // the campaign refers to them now: keep them
    const started = Date.now();
    const progress = await runToTheEnd(id, values.json);
    const seconds = (Date.now() - started) / 1000;
    if (values.json) console.log(JSON.stringify({ campaignId: id, funnel, ...progress, seconds }, null, 2));
    else {
      console.log(`Campaign ${id}: ${progress.status} in ${seconds.toFixed(1)} s`);
      console.log(progressRows(progress));
    }
    return progress.byState.failed > 0 ? 1 : 0;
  } finally {
    // A dry run leaves nothing behind: the segments it made from rules files are removed.
    if (values["dry-run"]) for (const id of created) await deleteSegment({ id, actor }).catch(() => undefined);
  }
}

/** Schedules the campaign and waits until every ledger row is final: through the running workers, else in this process on a queue prefix of its own. */
async function runToTheEnd(campaignId: string, quiet: boolean): Promise<CampaignProgress> {
  const workersRunning = await getQueue(campaignChunkJob.name)
    .getWorkersCount()
    .catch(() => 0);
  let own: ReturnType<typeof startWorkers> | null = null;
  const prefix = `tailor-cli-${process.pid}`;
  if (workersRunning === 0) {
    setEnv({ QUEUE_PREFIX: prefix });
    own = startWorkers({ log: () => undefined, schedule: false, only: [campaignFanOutJob.name, campaignChunkJob.name] });
  }
  if (!quiet)
    console.error(
      own
        ? `No worker is running: sending from this process (queue prefix ${env().QUEUE_PREFIX}).`
        : `Sending through the running workers.`,
    );
  const line = createProgressLine({ label: "Sending" });
  try {
    await scheduleCampaign({ id: campaignId, actor });
    for (;;) {
      const p = await getCampaignProgress(campaignId);
      const final = p.byState.sent + p.byState.failed + p.byState.skipped;
      if (!quiet)
        line.update({
          phase: `${formatNumber(p.byState.sent)} sent, ${formatNumber(p.byState.queued + p.byState.sending)} remaining, ${formatNumber(p.byState.failed)} failed, ${formatNumber(p.byState.skipped)} skipped${p.ratePerSecond ? `, ${p.ratePerSecond.toFixed(0)}/s` : ""}`,
          percent: p.total ? (final / p.total) * 100 : 0,
        });
      const c = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true, error: true, finishedAt: true } });
      if (c.status === "failed") throw new AppError("unprocessable", `The campaign could not start: ${c.error}`);
      if (c.finishedAt && p.finished) return p;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    line.done();
    if (own) {
      await own.close();
      await cleanupQueuePrefix(prefix);
    }
    closeTransports();
    await closeSendLedger();
  }
}

function progressRows(p: CampaignProgress): string {
  const skipped = Object.entries(p.skippedBy)
    .map(([r, n]) => `${formatNumber(n)} ${skipReasonLabels[r as SkipReason]}`)
    .join(", ");
  return formatRows([
    ["recipients", p.total, "rows in the send ledger"],
    ["sent", p.byState.sent],
    ["queued", p.byState.queued],
    ...(p.held ? [["held", p.held, "held for the experiment's winner"] as [string, number, string]] : []),
    ["sending", p.byState.sending, p.byState.sending ? "in flight" : ""],
    ["failed", p.byState.failed, p.byState.failed ? "refused by the SMTP server (hard bounces are suppressed)" : ""],
    ["skipped", p.byState.skipped, skipped],
    ["possible duplicates", p.possibleDuplicates, p.possibleDuplicates ? "sent again after a crash (same Message-ID)" : ""],
  ]);
}

async function status(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  const [id] = positionals;
  if (!id || positionals.length > 1) throw new UsageError("campaign status: give the campaign's id, e.g. campaign status cm1abc…");
  await prepareDatabase();
  const campaign = await db.campaign.findUnique({
    where: { id },
    select: { id: true, name: true, status: true, audienceCount: true, startedAt: true, finishedAt: true, error: true },
  });
  if (!campaign) throw new AppError("not_found", `There is no campaign "${id}".`);
  const [p, report] = await Promise.all([getCampaignProgress(id), getCampaignReport(id)]);
  const figures = reportFigures(report);
  if (values.json) {
    console.log(JSON.stringify({ ...campaign, ...p, report: figures }, null, 2));
    return 0;
  }
  console.log(`Campaign ${campaign.id} "${campaign.name}": ${campaign.status}${campaign.error ? ` (${campaign.error})` : ""}`);
  console.log(progressRows(p));
  if (p.etaSeconds != null) console.log(`  ${p.ratePerSecond.toFixed(1)} messages/s, about ${Math.ceil(p.etaSeconds)} s to go`);
  console.log("Report");
  console.log(reportRows(figures));
  return 0;
}

/** The report's figures that `campaign status` prints (the page's cards; no timeline or breakdowns). */
function reportFigures(r: CampaignReport) {
  return {
    delivered: r.delivered,
    uniqueOpens: r.uniqueOpens,
    clicks: r.clicks,
    uniqueClicks: r.uniqueClicks,
    clickThroughRate: r.clickThroughRate,
    clickToOpenRate: r.clickToOpenRate,
    unsubscribes: r.unsubscribes,
    bounces: r.bounces,
    complaints: r.complaints,
    revenue: r.revenue,
    links: r.links.map((l) => ({ url: l.url, label: l.label, clicks: l.clicks, uniqueClicks: l.uniqueClicks })),
  };
}

const percent = (v: number) => `${(100 * v).toFixed(1)}%`;
const people = (n: number) => `${formatNumber(n)} ${n === 1 ? "person" : "people"}`;

function reportRows(r: ReturnType<typeof reportFigures>): string {
  const money = new Intl.NumberFormat("en-GB", { style: "currency", currency: r.revenue.currency }).format(r.revenue.amount);
  return formatRows([
    ["delivered", r.delivered, "accepted by the receiving servers, less bounces reported since"],
    ["unique opens (human)", r.uniqueOpens.human, "people who opened it"],
    ["unique opens (machine)", r.uniqueOpens.machine, "opened only by machines (Apple Mail Privacy Protection, scanners)"],
    ["clicks", r.clicks, `by ${people(r.uniqueClicks)}`],
    ["click-through rate", percent(r.clickThroughRate), "people who clicked ÷ delivered"],
    ["unsubscribes", r.unsubscribes, `within ${r.revenue.days} days of receiving it`],
    ["bounces", r.bounces, "hard bounces: the addresses are suppressed"],
    ["complaints", r.complaints, "marked as spam: the addresses are suppressed"],
    ["attributed revenue", money, `${formatNumber(r.revenue.orders)} orders within ${r.revenue.days} days of a click`],
  ]);
}
