"use client";

import { useState } from "react";
import { ResponsiveContainer, Tooltip, Treemap } from "recharts";

/** Tiles dark enough to need white text (the same colours as the R×F grid's cells). */
const dark = new Set(["Champions", "Can't Lose Them"]);

const colors: Record<string, string> = {
  Champions: "#047857",
  "Loyal Customers": "#34d399",
  "Potential Loyalists": "#99f6e4",
  "New Customers": "#7dd3fc",
  Promising: "#bae6fd",
  "Need Attention": "#fde68a",
  "About to Sleep": "#fcd34d",
  "At Risk": "#fb923c",
  "Can't Lose Them": "#be123c",
  Hibernating: "#cbd5e1",
};

interface CellProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  name?: string;
  value?: number;
}

/** The named segment's customers, in a new segment (the same link as the table's). */
const segmentHref = (name: string) => `/segments/new?rfm=${encodeURIComponent(name)}`;

function Cell({ x = 0, y = 0, width = 0, height = 0, name = "", value = 0 }: CellProps) {
  // Recharts also draws the root node through `content`: only named tiles are links.
  if (!name) return <g />;
  return (
    <a href={segmentHref(name)} aria-label={`${name}: open its customers`} data-testid="rfm-tile">
      <rect x={x} y={y} width={width} height={height} fill={colors[name] ?? "#e2e8f0"} stroke="#fff" strokeWidth={2} />
      {width > 70 && height > 30 ? (
        <text x={x + 6} y={y + 18} fontSize={12} fill={dark.has(name) ? "#fff" : "#0f172a"}>
          {name}
        </text>
      ) : null}
      {width > 70 && height > 46 ? (
        <text x={x + 6} y={y + 34} fontSize={11} fill={dark.has(name) ? "#fff" : "#334155"}>
          {Math.round(value).toLocaleString("en-GB")}
        </text>
      ) : null}
    </a>
  );
}

/** The named RFM segments sized by customers or by net revenue. */
export function RfmTreemap({ segments, currency }: { segments: { name: string; customers: number; revenue: number }[]; currency: string }) {
  const [by, setBy] = useState<"customers" | "revenue">("customers");
  const data = segments.map((s) => ({ name: s.name, value: Math.max(0, by === "customers" ? s.customers : s.revenue) }));
  const fmt = (v: number) =>
    by === "customers"
      ? `${v.toLocaleString("en-GB")} customers`
      : new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(v);
  return (
    <div>
      <div className="mb-2 inline-flex overflow-hidden rounded-md ring-1 ring-slate-300" role="group" aria-label="Size by">
        {(["customers", "revenue"] as const).map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={by === k}
            onClick={() => setBy(k)}
            className={`px-3 py-1 text-xs font-semibold ${by === k ? "bg-indigo-600 text-white" : "bg-white text-slate-600"}`}
          >
            by {k}
          </button>
        ))}
      </div>
      <div className="h-80">
        <ResponsiveContainer width="100%" height="100%">
          <Treemap data={data} dataKey="value" nameKey="name" isAnimationActive={false} content={<Cell />}>
            <Tooltip formatter={(v) => fmt(Number(v))} />
          </Treemap>
        </ResponsiveContainer>
      </div>
      <table className="mt-4 w-full text-sm">
        <thead className="text-left text-xs text-slate-500 uppercase">
          <tr>
            <th>Segment</th>
            <th className="text-right">Customers</th>
            <th className="text-right">Net revenue ({currency})</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {segments.map((s) => (
            <tr key={s.name}>
              <td>
                <a className="text-indigo-700 hover:underline" href={segmentHref(s.name)}>
                  <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: colors[s.name] }} />
                  {s.name}
                </a>
              </td>
              <td className="text-right">{s.customers.toLocaleString("en-GB")}</td>
              <td className="text-right">{Math.round(s.revenue).toLocaleString("en-GB")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
