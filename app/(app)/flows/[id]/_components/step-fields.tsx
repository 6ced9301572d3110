"use client";

import { Input, Select } from "@/components/ui/field";
import { flowTimeUnits, type FlowStep } from "@/lib/flows/schemas";
import { EventMatchFields } from "../../_components/event-match-fields";
import { FieldSlot } from "../../_components/flow-form";
import type { SegmentChoice } from "../../_components/segment-select";
import { BranchFields } from "./branch-fields";
import { SendStepExperimentFields } from "./send-step-experiment-fields";

const small = "py-1 text-sm";

/** A step's field with its label and, beside it, the form's message for `path` (relative to the step). */
function Labelled({ label, path, children }: { label: string; path: string; children: React.ReactNode }) {
  return (
    <FieldSlot path={path}>
      <label className="block text-xs font-medium text-slate-700">
        {label}
        <div className="mt-1">{children}</div>
      </label>
    </FieldSlot>
  );
}

/** An amount and a unit (a wait's duration, a wait for an event's timeout). */
function DurationFields({
  stepId,
  path,
  what,
  value,
  onChange,
}: {
  stepId: string;
  path: string;
  what: string;
  value: { amount: number; unit: (typeof flowTimeUnits)[number] };
  onChange: (v: { amount: number; unit: (typeof flowTimeUnits)[number] }) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-2">
      <Labelled label={`${what} amount`} path={`${path}.amount`}>
        <Input
          name={`${stepId}-amount`}
          aria-label={`${what} amount (${stepId})`}
          type="number"
          min={1}
          className={small}
          value={Number.isFinite(value.amount) ? value.amount : ""}
          onChange={(e) => onChange({ ...value, amount: e.target.valueAsNumber })}
        />
      </Labelled>
      <Labelled label={`${what} unit`} path={`${path}.unit`}>
        <Select
          name={`${stepId}-unit`}
          aria-label={`${what} unit (${stepId})`}
          className={small}
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: e.target.value as (typeof flowTimeUnits)[number] })}
        >
          {flowTimeUnits.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </Select>
      </Labelled>
    </div>
  );
}

/** The editable fields of one step (its paths, for branches and waits for an event, are edited below it). */
export function StepFields({
  step,
  templates,
  segments,
  onChange,
}: {
  step: FlowStep;
  templates: { id: string; name: string }[];
  segments: SegmentChoice[];
  onChange: (step: FlowStep) => void;
}) {
  const text = (label: string, path: string, value: string, set: (v: string) => void) => (
    <Labelled label={label} path={path}>
      <Input
        name={`${step.id}-${label}`}
        aria-label={`${label} (${step.id})`}
        className={small}
        value={value}
        onChange={(e) => set(e.target.value)}
      />
    </Labelled>
  );
  switch (step.kind) {
    case "wait":
      return (
        <DurationFields
          stepId={step.id}
          path="duration"
          what="Wait"
          value={step.duration}
          onChange={(duration) => onChange({ ...step, duration })}
        />
      );
    case "wait_until_time":
      return (
        <div className="grid grid-cols-2 gap-2">
          {(["hour", "minute"] as const).map((f) => (
            <Labelled key={f} label={f === "hour" ? "Hour (0–23)" : "Minute"} path={f}>
              <Input
                name={`${step.id}-${f}`}
                aria-label={`${f === "hour" ? "Hour" : "Minute"} (${step.id})`}
                type="number"
                min={0}
                max={f === "hour" ? 23 : 59}
                className={small}
                value={Number.isFinite(step[f]) ? step[f] : ""}
                onChange={(e) => onChange({ ...step, [f]: e.target.valueAsNumber })}
              />
            </Labelled>
          ))}
        </div>
      );
    case "wait_for_event":
      return (
        <div className="space-y-2">
          <EventMatchFields
            label={`Event (${step.id})`}
            path="match"
            value={step.match}
            onChange={(match) => onChange({ ...step, match })}
          />
          <DurationFields
            stepId={step.id}
            path="timeout"
            what="Timeout"
            value={step.timeout}
            onChange={(timeout) => onChange({ ...step, timeout })}
          />
        </div>
      );
    case "branch":
      return (
        <FieldSlot path="condition">
          <BranchFields step={step} segments={segments} onChange={onChange} />
        </FieldSlot>
      );
    case "send_email":
      return (
        <div className="space-y-3">
          <div className="grid grid-cols-2 gap-2">
            <Labelled label="Template" path="templateId">
              <Select
                name={`${step.id}-template`}
                aria-label={`Template (${step.id})`}
                className={small}
                value={step.templateId}
                onChange={(e) => onChange({ ...step, templateId: e.target.value })}
              >
                <option value="">Choose a template…</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </Labelled>
            <Labelled label="Kind of email" path="category">
              <Select
                name={`${step.id}-category`}
                aria-label={`Kind of email (${step.id})`}
                className={small}
                value={step.category}
                onChange={(e) => onChange({ ...step, category: e.target.value as "marketing" | "transactional" })}
              >
                <option value="marketing">Marketing (consent and frequency cap apply)</option>
                <option value="transactional">Transactional (exempt from the cap)</option>
              </Select>
            </Labelled>
          </div>
          <FieldSlot path="experiment">
            <SendStepExperimentFields step={step} templates={templates} onChange={onChange} />
          </FieldSlot>
        </div>
      );
    case "add_tag":
    case "remove_tag":
      return text("Tag", "tag", step.tag, (tag) => onChange({ ...step, tag }));
    case "update_attribute":
      return (
        <div className="grid grid-cols-2 gap-2">
          {text("Attribute", "name", step.name, (name) => onChange({ ...step, name }))}
          {text("Value", "value", step.value === null ? "" : String(step.value), (value) => onChange({ ...step, value }))}
        </div>
      );
    case "exit":
      return <p className="text-xs text-slate-600">The person leaves the flow here.</p>;
  }
}
