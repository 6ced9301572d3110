import Link from "next/link";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import { customerDisplayName } from "@/lib/customers/display-name";
import type { CustomerListRow } from "@/lib/customers/list-customers";
import type { CustomerListQuery } from "@/lib/customers/schemas";
import { SortHeader } from "./sort-header";
import { countryName } from "@/lib/customers/countries";

interface CustomersTableProps {
  rows: CustomerListRow[];
  query: CustomerListQuery;
  currency: string;
  timeZone: string;
}

export function CustomersTable({ rows, query, currency, timeZone }: CustomersTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <SortHeader query={query} sortKey="name" label="Name" className="pl-5" />
            <SortHeader query={query} sortKey="email" label="Email" className="hidden md:table-cell" />
            <th className="hidden px-3 py-2.5 lg:table-cell">Country</th>
            <SortHeader query={query} sortKey="lastSeen" label="Last seen" className="hidden sm:table-cell" />
            <SortHeader query={query} sortKey="orders" label="Orders" align="right" className="hidden sm:table-cell" />
            <SortHeader query={query} sortKey="revenue" label={`Net revenue (${currency})`} align="right" className="pr-5" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((c) => (
            <tr key={c.id} className="group hover:bg-slate-50">
              <td className="py-2.5 pr-3 pl-5">
                <Link href={`/customers/${c.id}`} className="font-medium text-slate-900 group-hover:text-indigo-600">
                  {customerDisplayName(c)}
                </Link>
                <span className="ml-2 text-xs text-slate-600">#{c.id}</span>
                {c.email ? <p className="max-w-52 truncate text-xs text-slate-500 md:hidden">{c.email}</p> : null}
              </td>
              <td className="hidden max-w-64 truncate px-3 py-2.5 text-slate-600 md:table-cell">
                {c.email ?? <span className="text-slate-600">—</span>}
              </td>
              <td className="hidden px-3 py-2.5 text-slate-600 lg:table-cell">
                {c.country ? countryName(c.country) : <span className="text-slate-600">—</span>}
              </td>
              <td className="hidden px-3 py-2.5 whitespace-nowrap text-slate-600 sm:table-cell">{formatDate(c.lastSeenAt, timeZone)}</td>
              <td className="hidden px-3 py-2.5 text-right tabular-nums sm:table-cell">{formatNumber(c.orders)}</td>
              <td className={`py-2.5 pr-5 pl-3 text-right tabular-nums ${c.netRevenue < 0 ? "text-rose-600" : ""}`}>
                {formatMoney(c.netRevenue, currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
