"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { bottomAxis, chartMargin, gridStroke, leftAxis, legendProps, tooltipStyle } from "@/components/charts/chart-style";

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
        <LineChart data={points} margin={chartMargin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={gridStroke} />
          <XAxis dataKey="at" tickFormatter={label} minTickGap={24} {...bottomAxis(`Time (${timeZone}), per ${bucket}`)} />
          <YAxis allowDecimals={false} {...leftAxis(`Count per ${bucket}`, 56)} />
          <Tooltip labelFormatter={(v) => label(String(v))} contentStyle={tooltipStyle} />
          <Legend {...legendProps} />
          <Line dataKey="sent" name="Emails sent" stroke="#94a3b8" strokeWidth={2} dot={dot} />
          <Line dataKey="humanOpens" name="Opens by people" stroke="#4f46e5" strokeWidth={2.5} dot={dot} />
          <Line dataKey="machineOpens" name="Machine opens" stroke="#f59e0b" strokeWidth={2} strokeDasharray="4 3" dot={dot} />
          <Line dataKey="clicks" name="Clicks" stroke="#059669" strokeWidth={2.5} dot={dot} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
