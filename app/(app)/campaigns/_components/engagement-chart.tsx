"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface EngagementPoint {
  at: string;
  sent: number;
  humanOpens: number;
  machineOpens: number;
  clicks: number;
}

/** Sends, opens (people and machines) and clicks per minute, hour or day since the first send. */
export function EngagementChart({
  points,
  bucket,
  timeZone,
}: {
  points: EngagementPoint[];
  bucket: "minute" | "hour" | "day";
  timeZone: string;
}) {
  const format = new Intl.DateTimeFormat(
    "en-GB",
    bucket === "day" ? { dateStyle: "medium", timeZone } : { dateStyle: "short", timeStyle: "short", timeZone },
  );
  const label = (v: string) => format.format(new Date(v));
  // A few buckets (a campaign sent a minute ago): dots, or a single point would draw nothing.
  const dot = points.length <= 30 ? { r: 3 } : false;
  return (
    <div className="h-72 w-full" role="img" aria-label={`Emails sent, opens and clicks per ${bucket}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 24, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="at"
            tickFormatter={label}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
            minTickGap={24}
            label={{ value: `Time (${timeZone}), per ${bucket}`, position: "insideBottom", offset: -16, fontSize: 12, fill: "#475569" }}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={56}
            label={{
              value: `Count per ${bucket}`,
              angle: -90,
              position: "insideLeft",
              offset: -4,
              fontSize: 12,
              fill: "#475569",
              style: { textAnchor: "middle" },
            }}
          />
          <Tooltip labelFormatter={(v) => label(String(v))} contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 13 }} />
          <Legend verticalAlign="top" height={32} iconType="circle" wrapperStyle={{ fontSize: 13 }} />
          <Line dataKey="sent" name="Emails sent" stroke="#94a3b8" strokeWidth={2} dot={dot} />
          <Line dataKey="humanOpens" name="Opens by people" stroke="#4f46e5" strokeWidth={2.5} dot={dot} />
          <Line dataKey="machineOpens" name="Machine opens" stroke="#f59e0b" strokeWidth={2} strokeDasharray="4 3" dot={dot} />
          <Line dataKey="clicks" name="Clicks" stroke="#059669" strokeWidth={2.5} dot={dot} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
