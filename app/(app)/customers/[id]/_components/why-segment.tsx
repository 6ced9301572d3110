"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import type { ExplanationResult } from "@/lib/query/segments";

/** Pick a segment: per condition, met or not, with the deciding value, for this customer. */
export function WhySegment({ customerId, segments }: { customerId: number; segments: { id: string; name: string }[] }) {
  const [segmentId, setSegmentId] = useState("");
  const { data, error, isFetching } = useQuery({
    queryKey: ["segments", "explain-saved", segmentId, customerId],
    queryFn: () =>
      fetchJson<ExplanationResult>("/api/v1/segments/explain", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ segmentId, customer: customerId }),
      }),
    enabled: segmentId !== "",
  });
  return (
    <div>
      <label className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Why in or not in…
        <select
          className="mt-1 block w-full rounded-md px-2 py-1.5 text-sm font-normal normal-case ring-1 ring-slate-300"
          value={segmentId}
          onChange={(e) => setSegmentId(e.target.value)}
        >
          <option value="">Choose a segment</option>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {isFetching ? <p className="mt-2 text-slate-500">Checking each condition…</p> : null}
      {error ? <p className="mt-2 text-rose-700">{error.message}</p> : null}
      {data && segmentId ? (
        <div className="mt-2">
          <p className="font-medium">{data.matches ? "Matches the rules now." : "Does not match the rules now."}</p>
          <ul className="mt-1 space-y-1">
            {data.conditions.map((c) => (
              <li key={c.path} className="flex gap-2">
                <span className={c.met ? "text-emerald-600" : "text-rose-600"}>{c.met ? "✓" : "✗"}</span>
                <span>
                  {c.text} <span className="text-slate-500">— value: {c.value ?? "none"}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
