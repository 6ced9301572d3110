"use client";

import { useState } from "react";
import { Input, Radio } from "@/components/ui/field";

interface ReferenceDateFieldProps {
  initialMode: "now" | "pinned";
  initialDate: string;
  error?: string;
}

/** "Now" or a pinned date that analyses (recency, churn) treat as today, for historical data sets. */
export function ReferenceDateField({ initialMode, initialDate, error }: ReferenceDateFieldProps) {
  const [mode, setMode] = useState(initialMode);
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Reference date</legend>
      <p className="mt-1 text-xs text-slate-500">
        The day analyses treat as “today”. Keep “now” for live data; pin a date for historical data, e.g. 2011-12-10 for the 2011 Online
        Retail set.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-3 text-sm">
        <Radio name="referenceDateMode" value="now" checked={mode === "now"} onChange={() => setMode("now")}>
          Now (the current date)
        </Radio>
        <Radio name="referenceDateMode" value="pinned" checked={mode === "pinned"} onChange={() => setMode("pinned")}>
          Pinned to
        </Radio>
        <div className="w-44">
          <Input
            type="date"
            name="referenceDate"
            aria-label="Pinned reference date"
            defaultValue={initialDate}
            disabled={mode !== "pinned"}
            invalid={!!error}
          />
        </div>
      </div>
      {error ? (
        <p id="referenceDate-error" className="mt-1.5 text-sm text-rose-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
