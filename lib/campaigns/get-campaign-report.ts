import { db } from "../db";
import { getSettings } from "../settings/get-settings";
import { linksOfVersion } from "../email-tracking/find-tracked-link";

export interface CampaignReport {
  sent: number;
  delivered: number;
  /** SMTP 5xx at sending (the ledger's failed rows) plus hard bounces providers reported later. */
  bounces: number;
  complaints: number;
  /** People who opened, by a person (at least once) or only by machine (Apple MPP, scanners). */
  uniqueOpens: { human: number; machine: number };
  uniqueClicks: number;
  clicks: number;
  /** Unique human clickers ÷ delivered. */
  clickThroughRate: number;
  /** Unique human clickers ÷ unique human openers. */
  clickToOpenRate: number;
  /** Recipients who withdrew email consent within the attribution window after the send. */
  unsubscribes: number;
  revenue: { amount: number; orders: number; currency: string; days: number };
  links: { index: number; url: string; label: string; clicks: number; uniqueClicks: number }[];
  /** Every bucket of `bucket` (minute, hour or day) from the first send to the last interaction, quiet ones at zero. */
  timeline: {
    bucket: "minute" | "hour" | "day";
    points: { at: string; sent: number; humanOpens: number; machineOpens: number; clicks: number }[];
  };
  bySegment: BreakdownRow[];
  byRfmSegment: BreakdownRow[];
}

export interface BreakdownRow {
  name: string;
  sent: number;
  opened: number;
  clicked: number;
  revenue: number;
}

/**
 * A campaign's report, counted now from the send ledger and email_interactions (set-based
 * statements on the campaign's index ranges). Revenue: purchases a recipient placed within the
 * attribution window (Settings) after their first click on this campaign.
 */
export async function getCampaignReport(campaignId: string): Promise<CampaignReport> {
  const settings = await getSettings();
  const days = settings.attributionDays;
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { includeSegmentIds: true, templateVersion: { select: { id: true, mjml: true } } },
  });
  const [totals] = await db.$queryRaw<
    {
      sent: number;
      failed: number;
      bounced: number;
      complaints: number;
      human_openers: number;
      machine_only_openers: number;
      clickers: number;
      clicks: number;
      unsubscribes: number;
    }[]
  >`
    WITH s AS (SELECT customer_id, state, sent_at FROM campaign_sends WHERE campaign_id = ${campaignId}),
    i AS (SELECT customer_id, kind, machine FROM email_interactions WHERE campaign_id = ${campaignId})
    SELECT (SELECT count(*) FROM s WHERE state = 'sent')::int AS sent,
           (SELECT count(*) FROM s WHERE state = 'failed')::int AS failed,
           (SELECT count(DISTINCT customer_id) FROM i WHERE kind = 'bounce')::int AS bounced,
           (SELECT count(DISTINCT customer_id) FROM i WHERE kind = 'complaint')::int AS complaints,
           (SELECT count(DISTINCT customer_id) FROM i WHERE kind = 'open' AND NOT machine)::int AS human_openers,
           (SELECT count(*) FROM (SELECT customer_id FROM i WHERE kind = 'open' GROUP BY customer_id HAVING bool_and(machine)) m)::int AS machine_only_openers,
           (SELECT count(DISTINCT customer_id) FROM i WHERE kind = 'click' AND NOT machine)::int AS clickers,
           (SELECT count(*) FROM i WHERE kind = 'click' AND NOT machine)::int AS clicks,
           (SELECT count(DISTINCT s.customer_id) FROM s JOIN consent_records r ON r.customer_id = s.customer_id
              WHERE s.state = 'sent' AND r.purpose = 'email_marketing' AND r.status IN ('withdrawn', 'denied')
                AND r.occurred_at >= s.sent_at AND r.occurred_at < s.sent_at + make_interval(days => ${days}))::int AS unsubscribes`;
  const t = totals!;
  const clicksSql = (select: string) => `
    WITH first_click AS (
      SELECT customer_id, min(occurred_at) AS at FROM email_interactions
      WHERE campaign_id = $1 AND kind = 'click' AND NOT machine GROUP BY customer_id
    ), attributed AS (
      SELECT o.customer_id, o.total FROM orders o JOIN first_click f ON f.customer_id = o.customer_id
      WHERE o.kind = 'purchase' AND o.placed_at >= f.at AND o.placed_at < f.at + make_interval(days => $2::int)
    ) ${select}`;
  const [revenue] = await db.$queryRawUnsafe<{ amount: number; orders: number }[]>(
    clicksSql("SELECT coalesce(sum(total), 0)::float8 AS amount, count(*)::int AS orders FROM attributed"),
    campaignId,
    days,
  );
  const linkRows = await db.$queryRaw<{ link: number; clicks: number; unique_clicks: number }[]>`
    SELECT link, count(*)::int AS clicks, count(DISTINCT customer_id)::int AS unique_clicks FROM email_interactions
    WHERE campaign_id = ${campaignId} AND kind = 'click' AND NOT machine AND link IS NOT NULL GROUP BY link ORDER BY link`;
  const templateLinks = campaign.templateVersion ? linksOfVersion(campaign.templateVersion.id, campaign.templateVersion.mjml) : [];
  const links = templateLinks.map((l) => {
    const row = linkRows.find((r) => r.link === l.index);
    return { index: l.index, url: l.url, label: l.label, clicks: row?.clicks ?? 0, uniqueClicks: row?.unique_clicks ?? 0 };
  });
  const [span] = await db.$queryRaw<{ seconds: number | null }[]>`
    SELECT extract(epoch FROM greatest(max(sent_at), now()) - min(sent_at))::float8 AS seconds
    FROM campaign_sends WHERE campaign_id = ${campaignId} AND sent_at IS NOT NULL`;
  const seconds = span?.seconds ?? 0;
  const bucket = seconds <= 3 * 3600 ? "minute" : seconds <= 4 * 86400 ? "hour" : "day";
  const points = await db.$queryRawUnsafe<{ at: string; sent: number; human_opens: number; machine_opens: number; clicks: number }[]>(
    `WITH e AS (
       SELECT date_trunc($2, sent_at) AS at, 1 AS sent, 0 AS human_opens, 0 AS machine_opens, 0 AS clicks
       FROM campaign_sends WHERE campaign_id = $1 AND sent_at IS NOT NULL
       UNION ALL
       SELECT date_trunc($2, occurred_at), 0, (kind = 'open' AND NOT machine)::int, (kind = 'open' AND machine)::int, (kind = 'click' AND NOT machine)::int
       FROM email_interactions WHERE campaign_id = $1 AND kind IN ('open', 'click')
     )
     , counted AS (
       SELECT at, sum(sent)::int AS sent, sum(human_opens)::int AS human_opens, sum(machine_opens)::int AS machine_opens, sum(clicks)::int AS clicks
       FROM e GROUP BY at
     ), series AS (
       -- Every bucket from the first to the last, quiet ones at zero: the chart's time axis is even.
       SELECT generate_series(min(at), max(at), ('1 ' || $2)::interval) AS at FROM counted
     )
     SELECT to_char(g.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, coalesce(c.sent, 0) AS sent,
            coalesce(c.human_opens, 0) AS human_opens, coalesce(c.machine_opens, 0) AS machine_opens, coalesce(c.clicks, 0) AS clicks
     FROM series g LEFT JOIN counted c ON c.at = g.at ORDER BY g.at LIMIT 2000`,
    campaignId,
    bucket,
  );
  const breakdown = (groupSql: string, params: unknown[]) =>
    db.$queryRawUnsafe<{ name: string; sent: number; opened: number; clicked: number; revenue: number }[]>(
      clicksSql(`,
      eng AS (
        SELECT customer_id, bool_or(kind = 'open' AND NOT machine) AS opened, bool_or(kind = 'click' AND NOT machine) AS clicked
        FROM email_interactions WHERE campaign_id = $1 GROUP BY customer_id
      ), rev AS (SELECT customer_id, sum(total) AS amount FROM attributed GROUP BY customer_id),
      r AS (
        SELECT s.customer_id, coalesce(eng.opened, false) AS opened, coalesce(eng.clicked, false) AS clicked, coalesce(rev.amount, 0) AS amount
        FROM campaign_sends s LEFT JOIN eng ON eng.customer_id = s.customer_id LEFT JOIN rev ON rev.customer_id = s.customer_id
        WHERE s.campaign_id = $1 AND s.state = 'sent'
      )
      ${groupSql}`),
      campaignId,
      days,
      ...params,
    );
  const aggregates = `count(*)::int AS sent, count(*) FILTER (WHERE r.opened)::int AS opened,
      count(*) FILTER (WHERE r.clicked)::int AS clicked, coalesce(sum(r.amount), 0)::float8 AS revenue`;
  const [bySegment, byRfmSegment] = await Promise.all([
    breakdown(
      `SELECT g.name, ${aggregates} FROM r JOIN segment_members m ON m.customer_id = r.customer_id
       JOIN segments g ON g.id = m.segment_id WHERE g.id = ANY($3::text[]) GROUP BY g.name ORDER BY sent DESC`,
      [campaign.includeSegmentIds],
    ),
    breakdown(
      `SELECT coalesce(f.rfm_segment, 'No purchases yet') AS name, ${aggregates} FROM r
       LEFT JOIN customer_features f ON f.customer_id = r.customer_id GROUP BY 1 ORDER BY sent DESC`,
      [],
    ),
  ]);
  const bounces = t.failed + t.bounced;
  const delivered = Math.max(0, t.sent - t.bounced);
  return {
    sent: t.sent,
    delivered,
    bounces,
    complaints: t.complaints,
    uniqueOpens: { human: t.human_openers, machine: t.machine_only_openers },
    uniqueClicks: t.clickers,
    clicks: t.clicks,
    clickThroughRate: delivered > 0 ? t.clickers / delivered : 0,
    clickToOpenRate: t.human_openers > 0 ? t.clickers / t.human_openers : 0,
    unsubscribes: t.unsubscribes,
    revenue: { amount: revenue?.amount ?? 0, orders: revenue?.orders ?? 0, currency: settings.currency, days },
    links,
    timeline: {
      bucket,
      points: points.map((p) => ({ at: p.at, sent: p.sent, humanOpens: p.human_opens, machineOpens: p.machine_opens, clicks: p.clicks })),
    },
    bySegment,
    byRfmSegment,
  };
}
