import { formatDateTime, formatMoney, formatNumber, plural } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ChevronIcon } from "@/components/ui/icons";
import { Pagination } from "@/components/ui/pagination";
import type { CustomerOrder } from "@/lib/customers/list-customer-orders";
import type { PageInfo } from "@/lib/http/pagination";
import { countryName } from "@/lib/customers/countries";

interface OrdersCardProps {
  orders: CustomerOrder[];
  page: PageInfo;
  hrefFor: (page: number) => string;
  timeZone: string;
}

const kindTone = { purchase: "success", cancellation: "danger", adjustment: "warning" } as const;

/** The customer's orders, latest first; each expands (native <details>) to its lines. */
export function OrdersCard({ orders, page, hrefFor, timeZone }: OrdersCardProps) {
  return (
    <Card>
      <div id="orders" className="scroll-mt-20">
        <CardHeader title="Orders" description={`${plural(page.total, "order")}, latest first. Open one to see its lines.`} />
      </div>
      {orders.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No orders yet. Orders appear here once an import links them to this customer.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {orders.map((o) => (
            <li key={o.id}>
              <details className="group" data-testid="order">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
                  <ChevronIcon className="size-4 text-slate-600 transition group-open:rotate-90" />
                  <span className="font-medium text-slate-900">Order {o.orderNumber}</span>
                  <Badge tone={kindTone[o.kind]}>{o.kind}</Badge>
                  <span className="text-sm text-slate-500">{formatDateTime(o.placedAt, timeZone)}</span>
                  <span className="text-sm text-slate-500">{o.lines.length === 1 ? "1 line" : `${o.lines.length} lines`}</span>
                  <span className={`ml-auto font-medium tabular-nums ${Number(o.total) < 0 ? "text-rose-600" : "text-slate-900"}`}>
                    {formatMoney(o.total, o.currency)}
                  </span>
                </summary>
                <div className="overflow-x-auto bg-slate-50/60 px-5 pb-4">
                  <table className="min-w-full text-sm" data-testid="order-lines">
                    <thead className="text-left text-xs text-slate-500">
                      <tr>
                        <th className="py-2 pr-3 font-medium">SKU</th>
                        <th className="py-2 pr-3 font-medium">Description</th>
                        <th className="py-2 pr-3 text-right font-medium">Qty</th>
                        <th className="py-2 pr-3 text-right font-medium">Unit price</th>
                        <th className="py-2 text-right font-medium">Line total</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-200/70">
                      {o.lines.map((l) => (
                        <tr key={l.id}>
                          <td className="py-1.5 pr-3 font-mono text-xs text-slate-600">{l.sku}</td>
                          <td className="py-1.5 pr-3 text-slate-800">{l.description || <span className="text-slate-600">—</span>}</td>
                          <td className="py-1.5 pr-3 text-right tabular-nums">{formatNumber(l.quantity)}</td>
                          <td className="py-1.5 pr-3 text-right tabular-nums">{formatMoney(l.unitPrice, o.currency)}</td>
                          <td className="py-1.5 text-right tabular-nums">{formatMoney(l.lineTotal, o.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {o.source ? (
                    <p className="mt-2 text-xs text-slate-600">
                      Source: {o.source}
                      {o.country ? ` · ${countryName(o.country)}` : ""}
                    </p>
                  ) : null}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      {page.pageCount > 1 ? (
        <div className="border-t border-slate-100">
          <Pagination {...page} hrefFor={hrefFor} noun="orders" />
        </div>
      ) : null}
    </Card>
  );
}
