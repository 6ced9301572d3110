import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { ArrowDownIcon, ArrowUpIcon, SortIcon } from "@/components/ui/icons";
import { defaultDirection, type CustomerListQuery, type CustomerSortKey } from "@/lib/customers/schemas";
import { toQueryString } from "@/lib/http/search-params";

interface SortHeaderProps {
  query: CustomerListQuery;
  sortKey: CustomerSortKey;
  label: string;
  align?: "left" | "right";
  className?: string;
}

/** A column header linking to the list sorted by it (again: the other direction), back on page 1. */
export function SortHeader({ query, sortKey, label, align = "left", className }: SortHeaderProps) {
  const active = query.sort === sortKey;
  const current = query.dir ?? defaultDirection[query.sort];
  const next = active ? (current === "asc" ? "desc" : "asc") : defaultDirection[sortKey];
  const href = `/customers${toQueryString({ q: query.q, sort: sortKey, dir: next === defaultDirection[sortKey] ? undefined : next })}`;
  const Icon = !active ? SortIcon : current === "asc" ? ArrowUpIcon : ArrowDownIcon;
  return (
    <th
      className={cn("px-3 py-2.5", align === "right" && "text-right", className)}
      aria-sort={active ? (current === "asc" ? "ascending" : "descending") : "none"}
    >
      <Link href={href} className={cn("inline-flex items-center gap-1 hover:text-slate-900", active && "text-slate-900")}>
        {label}
        <Icon className={cn("size-3.5", active ? "text-indigo-600" : "text-slate-300")} />
      </Link>
    </th>
  );
}
