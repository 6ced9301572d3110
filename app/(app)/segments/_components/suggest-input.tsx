"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { keyWords } from "@/lib/segments/condition-fields";
import { segmentQueries } from "@/lib/query/segments";
import { cn } from "@/components/ui/cn";

export const control =
  "rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/**
 * A text input offering values from the data (event names, property keys, attribute values…).
 * `words`: the values are keys (event names, property and attribute keys), shown as words
 * ("Added to cart") with the key in a tooltip; a typed name or key stores the key.
 */
export function SuggestInput({
  kind,
  params,
  value,
  onChange,
  placeholder,
  label,
  className,
  words = false,
}: {
  kind: string;
  params?: Record<string, string | undefined>;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  label: string;
  className?: string;
  words?: boolean;
}) {
  const id = useId();
  const { data } = useQuery(segmentQueries.suggestions(kind, params));
  // What the user typed (words mode); null while the input shows the stored key as words.
  const [typed, setTyped] = useState<string | null>(null);
  const keyOf = (text: string) => {
    const t = text.trim().toLowerCase();
    return (data ?? []).find((s) => s.value.toLowerCase() === t || keyWords(s.value).toLowerCase() === t)?.value ?? text;
  };
  return (
    <>
      <input
        aria-label={label}
        list={id}
        value={words ? (typed ?? (value ? keyWords(value) : "")) : value}
        placeholder={placeholder}
        title={words && value ? `Key: ${value}` : undefined}
        onChange={(e) => {
          if (!words) return onChange(e.target.value);
          setTyped(e.target.value);
          onChange(keyOf(e.target.value));
        }}
        onBlur={() => {
          if (typed !== null && keyOf(typed) !== value) onChange(keyOf(typed));
          setTyped(null);
        }}
        className={cn(control, "w-44", className)}
      />
      <datalist id={id}>
        {(data ?? []).map((s) => (
          <option key={s.value} value={words ? keyWords(s.value) : s.value}>
            {words ? s.value : s.label}
          </option>
        ))}
      </datalist>
    </>
  );
}
