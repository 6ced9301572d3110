"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { useDebounced } from "@/components/ui/use-debounced";
import { segmentQueries } from "@/lib/query/segments";
import { control } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** Segments as the picker lists them: by name, with the id beside a name that two segments share. */
function choices(found: { value: string; label?: string }[], exclude?: string): { id: string; text: string }[] {
  const list = found.filter((s) => s.value !== exclude);
  const seen = new Map<string, number>();
  for (const s of list) seen.set((s.label ?? "").toLowerCase(), (seen.get((s.label ?? "").toLowerCase()) ?? 0) + 1);
  return list.map((s) => ({
    id: s.value,
    text: (seen.get((s.label ?? "").toLowerCase()) ?? 0) > 1 ? `${s.label} (${s.value})` : (s.label ?? s.value),
  }));
}

/** In (or not in) another segment, picked by name (searched as the user types); the condition stores its id. */
export function SegmentEditor({ condition: c, onChange, segmentId }: ConditionEditorProps<ConditionOf<"segment">>) {
  const set = (patch: Partial<ConditionOf<"segment">>) => onChange({ ...c, ...patch });
  const listId = useId();
  // What the user typed; null while the input shows the stored segment's name.
  const [typed, setTyped] = useState<string | null>(null);
  const search = useDebounced(typed ?? "", 200);
  const { data: stored } = useQuery({
    ...segmentQueries.suggestions("segment", { id: c.segmentId }),
    enabled: Boolean(c.segmentId) && typed === null,
  });
  const { data: found } = useQuery(segmentQueries.suggestions("segment", { prefix: search }));
  const options = choices(found ?? [], segmentId);
  const storedName = stored?.find((s) => s.value === c.segmentId)?.label;
  const match = typed === null ? undefined : options.find((o) => o.text.toLowerCase() === typed.trim().toLowerCase());

  // A typed name resolves to its segment's id once the search that lists it has answered.
  useEffect(() => {
    if (typed === null) return;
    const next = match?.id ?? "";
    if (next !== c.segmentId) onChange({ ...c, segmentId: next });
  }, [typed, match?.id, c, onChange]);

  return (
    <>
      <select
        aria-label="In or not in"
        className={control}
        value={c.in === false ? "no" : "yes"}
        onChange={(e) => set({ in: e.target.value === "yes" })}
      >
        <option value="yes">is in</option>
        <option value="no">is not in</option>
      </select>
      <input
        aria-label="Segment"
        list={listId}
        value={typed ?? storedName ?? (c.segmentId && stored ? c.segmentId : "")}
        placeholder="search segments by name"
        title={c.segmentId ? `Segment id: ${c.segmentId}` : undefined}
        onChange={(e) => setTyped(e.target.value)}
        className={cn(control, "w-56")}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.id} value={o.text} />
        ))}
      </datalist>
      {typed !== null && typed.trim() && !match && search === typed ? (
        <span className="text-xs text-rose-700" role="status">
          No segment is named “{typed.trim()}”: pick one from the list.
        </span>
      ) : c.segmentId && stored && !storedName && typed === null ? (
        <span className="text-xs text-rose-700" role="status">
          This segment no longer exists: pick another.
        </span>
      ) : null}
      {segmentId ? <span className="text-xs text-slate-600">(a segment cannot use itself)</span> : null}
    </>
  );
}
