"use client";

import { Field, Input, Select } from "@/components/ui/field";
import { customerFields, eventFields, orderFields, type MappingTarget } from "@/lib/ingest/schemas";
import type { SavedMapping, UploadPreview } from "@/lib/uploads/schemas";
import { fieldLabels } from "./kind-options";
import { PreviewRows } from "./preview-rows";

export interface MappingState {
  target: MappingTarget;
  source: string;
  columns: Record<string, string>;
  saveAs: string;
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
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="min-w-full text-sm" aria-label="Column mapping">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              {preview.header.map((h) => (
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
              ))}
            </tr>
          </thead>
          <PreviewRows rows={preview.rows} />
        </table>
      </div>
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
