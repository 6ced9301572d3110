import type { Metadata } from "next";
import Link from "next/link";
import { RevenueChart } from "@/components/charts/revenue-chart";
import { formatMoney, formatNumber } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requireRole } from "@/lib/auth/require-role.server";
import { getDashboardTotals } from "@/lib/dashboard/get-dashboard-totals";
import { getMonthlyRevenue } from "@/lib/dashboard/get-monthly-revenue";
import { listImportJobs } from "@/lib/imports/list-import-jobs";
import { hasRole } from "@/lib/auth/roles";
import { getSettings, referenceNow } from "@/lib/settings/get-settings";
import { GettingStarted } from "./_components/getting-started";
import { RecentImports } from "./_components/recent-imports";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireRole("viewer");
  const settings = await getSettings();
  const [totals, monthly, imports] = await Promise.all([
    getDashboardTotals({ currency: settings.currency }),
    getMonthlyRevenue({ timeZone: settings.timeZone, currency: settings.currency }),
    listImportJobs({ page: 1, pageSize: 5 }),
  ]);
  const empty = totals.customers === 0 && totals.orders === 0;

  return (
    <>
      <PageHeader title="Dashboard" description={`${settings.organisationName} at a glance. Amounts in ${settings.currency}.`} />
      {empty ? (
        <GettingStarted canImport={hasRole(user.role, "marketer")} />
      ) : (
        <div className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-3">
            <StatCard
              label="Customers"
              value={formatNumber(totals.customers)}
              detail={
                <Link className="text-indigo-600 hover:underline" href="/customers">
                  Browse customers →
                </Link>
              }
            />
            <StatCard
              label="Orders"
              value={formatNumber(totals.orders)}
              detail={`Purchases; ${formatNumber(totals.cancellations)} cancellations not counted`}
            />
            <StatCard
              label="Net revenue"
              value={formatMoney(totals.netRevenue, settings.currency)}
              detail={
                totals.otherCurrencyOrders > 0
                  ? `Purchases minus cancellations. ${formatNumber(totals.otherCurrencyOrders)} orders in other currencies are left out.`
                  : "Purchases minus cancellations"
              }
            />
          </div>
          <Card>
            <CardHeader
              title="Revenue over time"
              description={`Per month in ${settings.timeZone}, up to the latest order, in ${settings.currency}.`}
            />
            <CardBody>
              {monthly.length > 0 ? (
                <RevenueChart
                  data={monthly}
                  currency={settings.currency}
                  partialMonth={monthOf(referenceNow(settings), settings.timeZone)}
                />
              ) : (
                <p className="py-8 text-center text-sm text-slate-500">
                  No orders in {settings.currency} yet; revenue appears here once orders are imported.
                </p>
              )}
            </CardBody>
          </Card>
        </div>
      )}
      <div className="mt-6">
        <RecentImports jobs={imports.items} timeZone={settings.timeZone} />
      </div>
    </>
  );
}

/** "YYYY-MM" of a moment in a time zone (the month the chart's last bar may stand for). */
function monthOf(d: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", timeZone }).formatToParts(d);
  return `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}`;
}
