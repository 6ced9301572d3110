"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { segmentQueries } from "@/lib/query/segments";
import type { SegmentRules } from "@/lib/segments/schemas";

/** Why this customer is (or is not) in the segment: per condition, met or not, with the deciding value. */
export function ExplanationPanel({
  rules,
  customerId,
  name,
  onClose,
}: {
  rules: SegmentRules;
  customerId: number;
  name: string;
  onClose: () => void;
}) {
  const { data, error, isPending } = useQuery(segmentQueries.explain(rules, customerId));
  const ref = useRef<HTMLDivElement>(null);
  // Opened from a long list: bring it into view (and to screen readers) where the click happened.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
    ref.current?.focus({ preventScroll: true });
  }, [customerId]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="region"
      aria-label={`Why ${name} is or is not in this segment`}
      className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      data-testid="explanation"
    >
      <div className="flex items-center justify-between">
        <p className="font-semibold text-slate-900">
          Why {name} {data ? (data.matches ? "is in" : "is not in") : "…"} this segment
        </p>
        <button type="button" className="text-xs text-slate-500 hover:underline" onClick={onClose}>
          Close
        </button>
      </div>
      {isPending ? <p className="mt-2 text-slate-500">Checking each condition…</p> : null}
      {error ? <p className="mt-2 text-rose-700">{error.message}</p> : null}
      {data ? (
        <ul className="mt-2 space-y-1">
          {data.conditions.map((c) => (
            <li key={c.path} className="flex items-start gap-2">
              <span className={c.met ? "text-emerald-600" : "text-rose-600"} aria-label={c.met ? "met" : "not met"}>
                {c.met ? "✓" : "✗"}
              </span>
              <span className="text-slate-700">
                {c.text} <span className="text-slate-500">— value: {c.value ?? "none"}</span>
              </span>
            </li>
          ))}
          {data.conditions.length === 0 ? <li className="text-slate-500">No conditions: everyone matches.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
