"use client";

import type { EventMatch } from "@/lib/flows/schemas";
import { FiltersEditor } from "../../segments/_components/filters-editor";
import { SuggestInput } from "../../segments/_components/suggest-input";

/** An event name (suggested from the events tracked) and its property filters. */
export function EventMatchFields({ label, value, onChange }: { label: string; value: EventMatch; onChange: (m: EventMatch) => void }) {
  return (
    <div>
      <SuggestInput
        label={label}
        kind="event"
        value={value.event}
        onChange={(event) => onChange({ ...value, event })}
        placeholder="Event name, e.g. Order Completed"
        className="w-full sm:w-64"
      />
      <FiltersEditor eventType={value.event} where={value.where} onChange={(where) => onChange({ ...value, where })} />
    </div>
  );
}
