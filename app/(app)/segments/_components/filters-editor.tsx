"use client";

import { propertyFilterOps, type PropertyFilter } from "@/lib/segments/condition-fields";
import { OpSelect } from "./op-select";
import { control, SuggestInput } from "./suggest-input";

/** An event's (or a sequence step's) property filters. */
export function FiltersEditor({
  eventType,
  where,
  onChange,
}: {
  eventType: string;
  where: PropertyFilter[];
  onChange: (w: PropertyFilter[]) => void;
}) {
  const update = (i: number, patch: Partial<PropertyFilter>) => onChange(where.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div className="mt-2 space-y-1.5">
      {where.map((f, i) => (
        <div key={i} className="flex flex-wrap items-center gap-1.5 pl-4 text-sm">
          <span className="text-slate-500">where</span>
          <SuggestInput
            label="Property"
            kind="property"
            params={{ eventType }}
            value={f.key}
            onChange={(key) => update(i, { key })}
            placeholder="property"
            className="w-36"
            words
          />
          <OpSelect ops={propertyFilterOps} value={f.op} onChange={(op) => update(i, { op })} />
          {f.op === "exists" || f.op === "not_exists" ? null : ["gt", "gte", "lt", "lte"].includes(f.op) ? (
            <input
              aria-label="Property value"
              type="number"
              className={`${control} w-24`}
              value={f.value === undefined ? "" : Number(f.value)}
              onChange={(e) => update(i, { value: Number(e.target.value) })}
            />
          ) : (
            <SuggestInput
              label="Property value"
              kind="property-value"
              params={{ eventType, key: f.key }}
              value={String(f.value ?? "")}
              onChange={(value) => update(i, { value })}
              className="w-36"
            />
          )}
          <button
            type="button"
            className="text-xs text-slate-500 hover:text-rose-600"
            onClick={() => onChange(where.filter((_, j) => j !== i))}
          >
            remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="pl-4 text-xs font-medium text-indigo-600 hover:underline"
        onClick={() => onChange([...where, { key: "", op: "eq", value: "" }])}
      >
        + property filter
      </button>
    </div>
  );
}
