"use client";

import type { EventMatch } from "@/lib/flows/schemas";
import { FiltersEditor } from "../../segments/_components/filters-editor";
import { SuggestInput } from "../../segments/_components/suggest-input";
import { FieldSlot } from "./flow-form";

/** An event name (suggested from the events tracked) and its property filters; `path` is where the form's errors name them. */
export function EventMatchFields({
  label,
  path,
  value,
  onChange,
}: {
  label: string;
  path: string;
  value: EventMatch;
  onChange: (m: EventMatch) => void;
}) {
  return (
    <div>
      <FieldSlot path={`${path}.event`}>
        <SuggestInput
          label={label}
          kind="event"
          value={value.event}
          onChange={(event) => onChange({ ...value, event })}
          placeholder="Event name, e.g. Order Completed"
          className="w-full sm:w-64"
        />
      </FieldSlot>
      <FieldSlot path={`${path}.where`}>
        <FiltersEditor eventType={value.event} where={value.where} onChange={(where) => onChange({ ...value, where })} />
      </FieldSlot>
    </div>
  );
}
