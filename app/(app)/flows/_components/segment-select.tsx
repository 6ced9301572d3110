"use client";

import { Select } from "@/components/ui/field";

export interface SegmentChoice {
  id: string;
  name: string;
  memberCount: number;
}

/** A segment picked by name (with its size), storing its id; "" until one is chosen. */
export function SegmentSelect({
  label,
  name,
  value,
  segments,
  onChange,
  className,
}: {
  label: string;
  name: string;
  value: string;
  segments: SegmentChoice[];
  onChange: (id: string) => void;
  className?: string;
}) {
  const known = segments.some((s) => s.id === value);
  return (
    <Select name={name} aria-label={label} className={className} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{segments.length ? "Choose a segment…" : "No segments yet: create one under Segments"}</option>
      {value && !known ? <option value={value}>A deleted segment ({value})</option> : null}
      {segments.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name} ({s.memberCount.toLocaleString("en-GB")} people)
        </option>
      ))}
    </Select>
  );
}
