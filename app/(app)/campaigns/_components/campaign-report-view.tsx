import { formatMoney, formatNumber, plural } from "@/components/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import type { BreakdownRow, CampaignReport } from "@/lib/campaigns/get-campaign-report";
import type { LinkClicks, VariantLinks } from "@/lib/experiments/count-variant-links";
import { EngagementChart } from "./engagement-chart";

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function Breakdown({ title, rows, currency }: { title: string; rows: BreakdownRow[]; currency: string }) {
  return (
    <Card>
      <CardHeader title={title} />
      {rows.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500">Nothing sent yet.</p>
        </CardBody>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2">{title.replace("By ", "")}</th>
                <th className="px-4 py-2 text-right">Sent</th>
                <th className="px-4 py-2 text-right">Opened</th>
                <th className="px-4 py-2 text-right">Clicked</th>
                <th className="px-4 py-2 text-right">Click rate</th>
                <th className="px-4 py-2 text-right">Revenue</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.name}>
                  <td className="px-4 py-2">{r.name}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(r.sent)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(r.opened)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(r.clicked)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{r.sent ? pct(r.clicked / r.sent) : "—"}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatMoney(r.revenue, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function LinkRow({ link: l }: { link: LinkClicks }) {
  return (
    <tr>
      <td className="max-w-xl px-4 py-2">
        <p className="font-medium text-slate-800">{l.label || `Link ${l.index + 1}`}</p>
        <p className="truncate text-xs text-slate-500">{l.url}</p>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">{formatNumber(l.clicks)}</td>
      <td className="px-4 py-2 text-right tabular-nums">{formatNumber(l.uniqueClicks)}</td>
    </tr>
  );
}

/** What happened: delivery, opens (people vs machines), clicks by link, unsubscribes, bounces, complaints, revenue. */
export function CampaignReportView({
  id,
  report,
  timeZone,
  canExport,
  linksByVariant,
}: {
  id: string;
  report: CampaignReport;
  timeZone: string;
  canExport: boolean;
  /** A content test: each variant's own links and their clicks. */
  linksByVariant?: VariantLinks[] | null;
}) {
  const r = report;
  return (
    <section aria-label="Report" className="space-y-6">
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold text-slate-900">Report</h2>
        {canExport ? (
          <a href={`/api/v1/campaigns/${id}/report`} className={buttonClasses("secondary")}>
            Export CSV
          </a>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          label="Delivered"
          value={formatNumber(r.delivered)}
          detail={`${formatNumber(r.sent)} sent, ${formatNumber(r.bounces)} bounced`}
        />
        <StatCard
          label="Unique opens"
          value={formatNumber(r.uniqueOpens.human)}
          detail={`by people (${r.delivered ? pct(r.uniqueOpens.human / r.delivered) : "—"}); ${formatNumber(r.uniqueOpens.machine)} more by machines only`}
        />
        <StatCard
          label="Clicks"
          value={formatNumber(r.clicks)}
          detail={`by ${plural(r.uniqueClicks, "person", "people")} · click-through ${pct(r.clickThroughRate)} · click-to-open ${pct(r.clickToOpenRate)}`}
        />
        <StatCard
          label="Revenue"
          value={formatMoney(r.revenue.amount, r.revenue.currency)}
          detail={`${plural(r.revenue.orders, "order")} within ${plural(r.revenue.days, "day")} of a click`}
        />
        <StatCard
          label="Unsubscribes"
          value={formatNumber(r.unsubscribes)}
          detail={`within ${plural(r.revenue.days, "day")} of receiving it`}
        />
        <StatCard label="Bounces" value={formatNumber(r.bounces)} detail="Hard bounces: the addresses are suppressed" />
        <StatCard label="Complaints" value={formatNumber(r.complaints)} detail="Marked as spam: the addresses are suppressed" />
      </div>
      <Card>
        <CardHeader
          title="Over time"
          description="Machine opens are Apple Mail Privacy Protection, security scanners and listed addresses: they are not people reading."
        />
        <CardBody>
          {r.timeline.points.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing sent yet: the chart fills in as the campaign sends.</p>
          ) : (
            <EngagementChart points={r.timeline.points} bucket={r.timeline.bucket} timeZone={timeZone} />
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Clicks by link"
          description={`Clicks by people; a link completed per recipient (product, customer id) counts as one link.${linksByVariant ? " Each content variant has its own links: clicks are counted under the variant the person was sent." : ""}`}
        />
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-4 py-2">Link</th>
              <th className="px-4 py-2 text-right">Clicks</th>
              <th className="px-4 py-2 text-right">People</th>
            </tr>
          </thead>
          {linksByVariant ? (
            linksByVariant.map((v) => (
              <tbody key={v.key} className="divide-y divide-slate-100" data-testid={`links-variant-${v.key}`}>
                <tr className="bg-slate-50/60">
                  <th colSpan={3} scope="rowgroup" className="px-4 py-2 text-left text-sm font-semibold text-slate-700">
                    Variant {v.key} <span className="font-normal text-slate-500">· {v.template}</span>
                  </th>
                </tr>
                {v.links.length ? (
                  v.links.map((l) => <LinkRow key={l.index} link={l} />)
                ) : (
                  <tr>
                    <td colSpan={3} className="px-4 py-2 text-slate-500">
                      This version has no tracked links.
                    </td>
                  </tr>
                )}
              </tbody>
            ))
          ) : (
            <tbody className="divide-y divide-slate-100">
              {r.links.map((l) => (
                <LinkRow key={l.index} link={l} />
              ))}
            </tbody>
          )}
        </table>
      </Card>
      <div className="grid gap-6 2xl:grid-cols-2">
        <Breakdown title="By segment" rows={r.bySegment} currency={r.revenue.currency} />
        <Breakdown title="By RFM segment" rows={r.byRfmSegment} currency={r.revenue.currency} />
      </div>
    </section>
  );
}
