import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Command, EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { rfmSegmentName } from "@/lib/features/rfm-grid";
import { getRfmSummary } from "@/lib/features/get-rfm-summary";
import { requireRole } from "@/lib/auth/require-role.server";
import { hasRole } from "@/lib/auth/roles";
import { getSettings } from "@/lib/settings/get-settings";
import { RfmRescore } from "../_components/rfm-rescore";
import { RfmTreemap } from "../_components/rfm-treemap";

export const metadata: Metadata = { title: "RFM" };

const cellColors: Record<string, string> = {
  Champions: "bg-emerald-700 text-white",
  "Loyal Customers": "bg-emerald-400 text-emerald-950",
  "Potential Loyalists": "bg-teal-200 text-teal-950",
  "New Customers": "bg-sky-300 text-sky-950",
  Promising: "bg-sky-200 text-sky-950",
  "Need Attention": "bg-amber-200 text-amber-950",
  "About to Sleep": "bg-amber-300 text-amber-950",
  "At Risk": "bg-orange-400 text-orange-950",
  "Can't Lose Them": "bg-rose-700 text-white",
  Hibernating: "bg-slate-300 text-slate-800",
};

export default async function RfmPage() {
  const user = await requireRole("viewer");
  const [summary, settings] = await Promise.all([getRfmSummary(), getSettings()]);
  return (
    <>
      <PageHeader
        back={{ href: "/segments", label: "Segments" }}
        title="RFM"
        description={
          summary.asOf
            ? `Recency, frequency and monetary scores (1–5, quintiles by rank) of the ${summary.population.toLocaleString("en-GB")} customers with a purchase, as of ${summary.asOf.toISOString().slice(0, 16).replace("T", " ")} UTC. Click a cell to see its customers and save them as a segment.`
            : "Recency, frequency and monetary scores of every customer with a purchase."
        }
        actions={<RfmRescore canRescore={hasRole(user.role, "marketer")} />}
      />
      {summary.population === 0 ? (
        <Card>
          <EmptyState title="No RFM scores yet">
            <p>
              RFM needs customers with purchases and a feature build. Import orders, then press “Rescore now” (the workers also rescore
              nightly), or from a terminal:
            </p>
            <Command>npm run tailor -- features rebuild</Command>
          </EmptyState>
        </Card>
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          <Card>
            <CardHeader title="Named segments" description={`Area = customers or net revenue (${settings.currency}); hover for figures.`} />
            <CardBody>
              <RfmTreemap segments={summary.segments} currency={settings.currency} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="R × F grid"
              description="Rows: recency score (5 = bought most recently). Columns: frequency score (5 = most orders). Customers per cell."
            />
            <CardBody>
              <table className="w-full table-fixed border-separate border-spacing-1 text-center text-xs" data-testid="rfm-grid">
                <thead>
                  <tr>
                    <th className="w-10 text-slate-500">R \ F</th>
                    {[1, 2, 3, 4, 5].map((f) => (
                      <th key={f} className="text-slate-500">
                        F{f}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[5, 4, 3, 2, 1].map((r) => (
                    <tr key={r}>
                      <th className="text-slate-500">R{r}</th>
                      {[1, 2, 3, 4, 5].map((f) => {
                        const name = rfmSegmentName(r, f);
                        return (
                          <td key={f} className="p-0">
                            <Link
                              href={`/segments/new?r=${r}&f=${f}`}
                              className={`block rounded-md px-1 py-3 hover:ring-2 hover:ring-indigo-500 ${cellColors[name]}`}
                              title={`R${r} F${f} (${name}): open exactly these customers`}
                              data-testid={`rfm-cell-${r}-${f}`}
                            >
                              <span className="block font-semibold tabular-nums">
                                {(summary.cells[r - 1]?.[f - 1] ?? 0).toLocaleString("en-GB")}
                              </span>
                              <span className="block truncate">{name}</span>
                            </Link>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="mt-4 w-full text-sm">
                <thead className="text-left text-xs text-slate-500 uppercase">
                  <tr>
                    <th>Score</th>
                    {[1, 2, 3, 4, 5].map((s) => (
                      <th key={s} className="text-right">
                        {s}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {(["r", "f", "m"] as const).map((k) => (
                    <tr key={k}>
                      <td className="font-medium">{k.toUpperCase()}</td>
                      {summary[k].map((n, i) => (
                        <td key={i} className="text-right">
                          {n.toLocaleString("en-GB")}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </CardBody>
          </Card>
        </div>
      )}
    </>
  );
}
