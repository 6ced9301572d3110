"use client";

import { Field, Input, Radio, Select } from "@/components/ui/field";
import { customerFields, eventFields, orderFields, type MappingTarget } from "@/lib/imports/format-schemas";
import type { SavedMapping, UploadPreview } from "@/lib/imports/uploads/schemas";
import { fieldLabels } from "./kind-options";
import { PreviewTable } from "./preview-table";

export interface MappingState {
  target: MappingTarget;
  source: string;
  columns: Record<string, string>;
  saveAs: string;
  /** What a consent "yes" without a consent date records (lib/imports/format-schemas.ts). */
  consentWithoutDate: "granted_now" | "unknown";
}

/** Which column holds what: one select per column, suggestions pre-filled, saved mappings offered. */
export function MappingStep({
  preview,
  state,
  onChange,
  saved,
}: {
  preview: UploadPreview;
  state: MappingState;
  onChange: (s: MappingState) => void;
  saved: SavedMapping[];
}) {
  const fields: readonly string[] = state.target === "customers" ? customerFields : state.target === "orders" ? orderFields : eventFields;
  const matching = saved.filter((m) => Object.keys(m.mapping.columns).every((c) => preview.header.includes(c)));
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="The file holds" name="target">
          <Select
            name="target"
            value={state.target}
            onChange={(e) =>
              onChange({ ...state, target: e.target.value as MappingTarget, columns: preview.suggestions[e.target.value as MappingTarget] })
            }
          >
            <option value="customers">Customers (one row per person)</option>
            <option value="orders">Orders (one row per order line)</option>
            <option value="events">Events (one row per action)</option>
          </Select>
        </Field>
        <Field
          label="Where the ids come from"
          name="source"
          hint="Lower-case name of the tool, e.g. my-crm. Ids from different tools never mix."
        >
          <Input name="source" value={state.source} onChange={(e) => onChange({ ...state, source: e.target.value })} />
        </Field>
        <Field label="Use a saved mapping" name="saved" hint={matching.length === 0 ? "None fits this file's columns yet." : undefined}>
          <Select
            name="saved"
            value=""
            disabled={matching.length === 0}
            onChange={(e) => {
              const m = matching.find((x) => x.id === e.target.value);
              if (m)
                onChange({
                  ...state,
                  target: m.target,
                  source: m.mapping.source,
                  consentWithoutDate: m.mapping.consentWithoutDate ?? "granted_now",
                  columns: { ...Object.fromEntries(preview.header.map((h) => [h, ""])), ...m.mapping.columns },
                });
            }}
          >
            <option value="">Choose…</option>
            {matching.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <PreviewTable
        label="Column mapping"
        header={preview.header}
        rows={preview.rows}
        headerCell={(h) => (
          <th key={h} className="min-w-56 px-3 py-2 align-top">
            <p className="mb-1.5 font-semibold text-slate-800">{h}</p>
            <Select
              name={`map-${h}`}
              aria-label={`Tailor field for column ${h}`}
              value={state.columns[h] ?? ""}
              onChange={(e) => onChange({ ...state, columns: { ...state.columns, [h]: e.target.value } })}
            >
              <option value="">Ignore this column</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {fieldLabels[f] ?? f}
                </option>
              ))}
              {state.target !== "orders" ? (
                <option
                  value={`attribute:${
                    h
                      .toLowerCase()
                      .replace(/[^a-z0-9_ .-]/g, "")
                      .slice(0, 60) || "column"
                  }`}
                >
                  {state.target === "customers" ? "Keep as profile attribute" : "Keep as event property"}
                </option>
              ) : null}
            </Select>
          </th>
        )}
      />
      {state.target === "customers" ? <ConsentWithoutDate state={state} onChange={onChange} /> : null}
      <Field
        label="Save this mapping as (optional)"
        name="saveAs"
        hint="Saved mappings are offered for the next file with the same columns."
      >
        <Input
          name="saveAs"
          value={state.saveAs}
          placeholder="e.g. CRM weekly export"
          onChange={(e) => onChange({ ...state, saveAs: e.target.value })}
        />
      </Field>
    </div>
  );
}

const consentChoices: [MappingState["consentWithoutDate"], string][] = [
  ["granted_now", "Granted now, with this import as proof"],
  [
    "unknown",
    "No consent date: record as unknown (no consent is recorded; the purpose’s “Without a record” rule applies until the person grants consent)",
  ],
];

/**
 * When a column is mapped to email consent: says what a "yes" records, and lets the marketer choose
 * what a "yes" without a consent date becomes (granted now, with the import as proof, or unknown).
 */
function ConsentWithoutDate({ state, onChange }: { state: MappingState; onChange: (s: MappingState) => void }) {
  const columnOf = (field: string) => Object.entries(state.columns).find(([, f]) => f === field)?.[0];
  const consent = columnOf("email_consent");
  if (!consent) return null;
  const date = columnOf("consent_date");
  return (
    <fieldset
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-slate-800"
      data-testid="consent-without-date"
    >
      <legend className="px-1 font-semibold text-slate-900">Email marketing consent from “{consent}”</legend>
      <p>
        {date
          ? `A “yes” is recorded as consent granted on the date in “${date}”. Where that date is empty:`
          : `No column holds the consent date: a “yes” would be recorded as consent granted now (the import’s date), with this file as the only proof. Choose what a “yes” without a date records:`}
      </p>
      <div className="mt-2 space-y-1.5">
        {consentChoices.map(([value, text]) => (
          <Radio
            key={value}
            wraps
            name="consentWithoutDate"
            checked={state.consentWithoutDate === value}
            onChange={() => onChange({ ...state, consentWithoutDate: value })}
          >
            {text}
          </Radio>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-600">A “no” is always recorded as a refusal.</p>
    </fieldset>
  );
}
