"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { segmentQueries } from "@/lib/query/segments";
import { cn } from "@/components/ui/cn";

export const control =
  "rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/** A text input offering values from the data (event names, property keys, attribute values…). */
export function SuggestInput({
  kind,
  params,
  value,
  onChange,
  placeholder,
  label,
  className,
}: {
  kind: string;
  params?: Record<string, string | undefined>;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  label: string;
  className?: string;
}) {
  const id = useId();
  const { data } = useQuery(segmentQueries.suggestions(kind, params));
  return (
    <>
      <input
        aria-label={label}
        list={id}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className={cn(control, "w-44", className)}
      />
      <datalist id={id}>
        {(data ?? []).map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </datalist>
    </>
  );
}
