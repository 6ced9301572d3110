"use client";

import { Select } from "@/components/ui/field";
import type { FlowTrigger } from "@/lib/flows/schemas";
import { EventMatchFields } from "./event-match-fields";
import { FieldSlot } from "./flow-form";
import { SegmentSelect, type SegmentChoice } from "./segment-select";

/** What starts a flow: an event (with property filters) or entering a segment. */
export function TriggerFields({
  value,
  segments,
  onChange,
}: {
  value: FlowTrigger;
  segments: SegmentChoice[];
  onChange: (t: FlowTrigger) => void;
}) {
  return (
    <fieldset className="space-y-2" aria-label="Trigger">
      <legend className="text-sm font-medium text-slate-800">Starts when someone</legend>
      <Select
        name="trigger-kind"
        aria-label="Trigger kind"
        className="py-1.5 sm:w-64"
        value={value.kind}
        onChange={(e) =>
          onChange(e.target.value === "segment" ? { kind: "segment", segmentId: "" } : { kind: "event", event: "", where: [] })
        }
      >
        <option value="event">does an event</option>
        <option value="segment">enters a segment</option>
      </Select>
      {value.kind === "event" ? (
        <EventMatchFields label="Trigger event" path="trigger" value={value} onChange={(m) => onChange({ kind: "event", ...m })} />
      ) : (
        <FieldSlot path="trigger.segmentId">
          <SegmentSelect
            label="Trigger segment"
            name="trigger-segment"
            className="py-1.5 sm:w-80"
            value={value.segmentId}
            segments={segments}
            onChange={(segmentId) => onChange({ kind: "segment", segmentId })}
          />
        </FieldSlot>
      )}
    </fieldset>
  );
}
