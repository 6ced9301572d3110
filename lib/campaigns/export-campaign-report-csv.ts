import { db } from "../db";
import { getSettings } from "../settings/get-settings";
import { csvCell } from "../exports/csv-cell";

const BATCH = 2000;
const header =
  "customer_id,email,state,skip_reason,sent_at,opened,opened_by_machine_only,clicks,first_click_at,bounced,complained,attributed_revenue,variant\n";

/**
 * A campaign's report per recipient as CSV (one row per ledger row), streamed in keyset batches:
 * what happened to each person, the revenue attributed to them (attribution window in Settings), and
 * in an experiment their variant (A–D, "holdout"; empty while held for the winner). The experiment's
 * figures per variant are another file (lib/experiments/export-campaign-experiment-csv.ts).
 */
export function exportCampaignReportCsv(options: { campaignId: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let days: number | null = null;
  return new ReadableStream({
    async pull(controller) {
      if (days === null) {
        days = (await getSettings()).attributionDays;
        controller.enqueue(encoder.encode(header));
        return;
      }
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
        `WITH s AS (
           SELECT customer_id, email, state::text AS state, skip_reason::text AS skip_reason, sent_at, variant FROM campaign_sends
           WHERE campaign_id = $1 AND customer_id > $2 ORDER BY customer_id LIMIT ${BATCH}
         ), i AS (
           SELECT i.customer_id,
                  bool_or(kind = 'open' AND NOT machine) AS opened,
                  bool_or(kind = 'open') AND NOT bool_or(kind = 'open' AND NOT machine) AS machine_only,
                  count(*) FILTER (WHERE kind = 'click' AND NOT machine)::int AS clicks,
                  min(occurred_at) FILTER (WHERE kind = 'click' AND NOT machine) AS first_click_at,
                  bool_or(kind = 'bounce') AS bounced, bool_or(kind = 'complaint') AS complained
           FROM email_interactions i JOIN s ON s.customer_id = i.customer_id WHERE i.campaign_id = $1 GROUP BY i.customer_id
         )
         SELECT s.customer_id, s.email, s.state, s.skip_reason, s.sent_at, s.variant, coalesce(i.opened, false) AS opened,
                coalesce(i.machine_only, false) AS machine_only, coalesce(i.clicks, 0) AS clicks, i.first_click_at,
                coalesce(i.bounced, false) OR s.state = 'failed' AS bounced, coalesce(i.complained, false) AS complained,
                (SELECT coalesce(sum(o.total), 0)::float8 FROM orders o WHERE o.customer_id = s.customer_id AND o.kind = 'purchase'
                   AND o.placed_at >= i.first_click_at AND o.placed_at < i.first_click_at + make_interval(days => $3::int)) AS revenue
         FROM s LEFT JOIN i ON i.customer_id = s.customer_id ORDER BY s.customer_id`,
        options.campaignId,
        after,
        days,
      );
      if (rows.length === 0) {
        controller.close();
        return;
      }
      after = rows[rows.length - 1]!.customer_id as number;
      const cells = ["customer_id", "email", "state", "skip_reason", "sent_at", "opened", "machine_only", "clicks", "first_click_at"];
      controller.enqueue(
        encoder.encode(
          rows.map((r) => [...cells.map((c) => r[c]), r.bounced, r.complained, r.revenue, r.variant].map(csvCell).join(",")).join("\n") +
            "\n",
        ),
      );
    },
  });
}
