"use client";

import { rfmSegmentNames } from "@/lib/features/rfm-grid";
import { featureLabels } from "@/lib/segments/describe-condition";
import {
  booleanOps,
  dateOps,
  featureNames,
  numberOps,
  profileFields,
  textOps,
  type PropertyFilter,
  type RuleWindow,
} from "@/lib/segments/schemas";
import { ClusterConditionFields } from "./cluster-condition-fields";
import { conditionDefaults, conditionKindLabels } from "./rule-tree";
import { control, SuggestInput } from "./suggest-input";
import { WindowEditor } from "./window-editor";

type Cond = Record<string, unknown> & { type: "condition"; kind: string };

const opLabels: Record<string, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  gt: "more than",
  gte: "at least",
  lt: "less than",
  lte: "at most",
  between: "between",
  before: "before",
  after: "after",
  in_last: "in the last",
  not_in_last: "more than … ago",
  is_true: "is true",
  is_false: "is false",
  in: "is one of",
  exists: "exists",
  not_exists: "does not exist",
};
const opsFor = { text: textOps, number: numberOps, date: dateOps, boolean: booleanOps } as const;

function OpSelect({ ops, value, onChange }: { ops: readonly string[]; value: string; onChange: (op: string) => void }) {
  return (
    <select aria-label="Operator" className={control} value={value} onChange={(e) => onChange(e.target.value)}>
      {ops.map((op) => (
        <option key={op} value={op}>
          {opLabels[op] ?? op}
        </option>
      ))}
    </select>
  );
}

/** Value inputs for a comparison of the given type and operator. */
function ValueInputs({
  c,
  valueType,
  set,
  suggest,
}: {
  c: Cond;
  valueType: string;
  set: (patch: Record<string, unknown>) => void;
  suggest?: { kind: string; params: Record<string, string | undefined> };
}) {
  const op = String(c.op);
  if (op.startsWith("is_") || op === "exists" || op === "not_exists") return null;
  if (op === "in_last" || op === "not_in_last") {
    return (
      <>
        <input
          aria-label="Amount"
          type="number"
          min={1}
          className={`${control} w-20`}
          value={Number(c.value ?? 30)}
          onChange={(e) => set({ value: Number(e.target.value) })}
        />
        <select aria-label="Unit" className={control} value={String(c.unit ?? "days")} onChange={(e) => set({ unit: e.target.value })}>
          <option value="minutes">minutes</option>
          <option value="hours">hours</option>
          <option value="days">days</option>
        </select>
      </>
    );
  }
  const input = (key: "value" | "value2", label: string) =>
    valueType === "number" ? (
      <input
        aria-label={label}
        type="number"
        className={`${control} w-28`}
        value={c[key] === undefined || c[key] === "" ? "" : Number(c[key])}
        onChange={(e) => set({ [key]: e.target.value === "" ? "" : Number(e.target.value) })}
      />
    ) : valueType === "date" ? (
      <input
        aria-label={label}
        type="date"
        className={control}
        value={String(c[key] ?? "").slice(0, 10)}
        onChange={(e) => set({ [key]: e.target.value ? `${e.target.value}T00:00:00.000Z` : "" })}
      />
    ) : suggest ? (
      <SuggestInput
        label={label}
        kind={suggest.kind}
        params={suggest.params}
        value={String(c[key] ?? "")}
        onChange={(v) => set({ [key]: v })}
        placeholder="value"
      />
    ) : (
      <input
        aria-label={label}
        className={`${control} w-44`}
        value={String(c[key] ?? "")}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    );
  return op === "between" ? (
    <>
      {input("value", "From")}
      <span className="text-sm text-slate-500">and</span>
      {input("value2", "To")}
    </>
  ) : (
    input("value", "Value")
  );
}

function FiltersEditor({
  eventType,
  where,
  onChange,
}: {
  eventType: string;
  where: PropertyFilter[];
  onChange: (w: PropertyFilter[]) => void;
}) {
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
            onChange={(key) => onChange(where.map((x, j) => (j === i ? { ...x, key } : x)))}
            placeholder="property"
            className="w-36"
          />
          <OpSelect
            ops={["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists", "not_exists"]}
            value={f.op}
            onChange={(op) => onChange(where.map((x, j) => (j === i ? { ...x, op: op as PropertyFilter["op"] } : x)))}
          />
          {f.op === "exists" || f.op === "not_exists" ? null : ["gt", "gte", "lt", "lte"].includes(f.op) ? (
            <input
              aria-label="Property value"
              type="number"
              className={`${control} w-24`}
              value={f.value === undefined ? "" : Number(f.value)}
              onChange={(e) => onChange(where.map((x, j) => (j === i ? { ...x, value: Number(e.target.value) } : x)))}
            />
          ) : (
            <SuggestInput
              label="Property value"
              kind="property-value"
              params={{ eventType, key: f.key }}
              value={String(f.value ?? "")}
              onChange={(value) => onChange(where.map((x, j) => (j === i ? { ...x, value } : x)))}
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

/** One condition: its kind, its fields, and how many customers it alone matches. */
export function ConditionEditor({
  cond,
  onChange,
  onRemove,
  count,
  segmentId,
}: {
  cond: Cond;
  onChange: (c: Cond) => void;
  onRemove: () => void;
  count?: number;
  segmentId?: string;
}) {
  const set = (patch: Record<string, unknown>) => onChange({ ...cond, ...patch });
  const c = cond;
  let body: React.ReactNode = null;
  switch (c.kind) {
    case "attribute": {
      const custom = Boolean(c.custom);
      const valueType = String(c.valueType);
      body = (
        <>
          <select
            aria-label="Attribute"
            className={control}
            value={custom ? "__custom" : String(c.field)}
            onChange={(e) => {
              const field = e.target.value;
              if (field === "__custom") set({ custom: true, field: "", valueType: "text", op: "eq" });
              else {
                const vt = profileFields[field as keyof typeof profileFields];
                set({ custom: false, field, valueType: vt, op: vt === "date" ? "in_last" : "eq", value: vt === "date" ? 30 : "" });
              }
            }}
          >
            {Object.keys(profileFields).map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
            <option value="__custom">custom attribute…</option>
          </select>
          {custom ? (
            <>
              <SuggestInput
                label="Attribute key"
                kind="attribute"
                value={String(c.field)}
                onChange={(field) => set({ field })}
                placeholder="key"
                className="w-36"
              />
              <select
                aria-label="Type"
                className={control}
                value={valueType}
                onChange={(e) => set({ valueType: e.target.value, op: opsFor[e.target.value as keyof typeof opsFor][0] })}
              >
                <option value="text">text</option>
                <option value="number">number</option>
                <option value="date">date</option>
                <option value="boolean">yes/no</option>
              </select>
            </>
          ) : null}
          <OpSelect ops={opsFor[valueType as keyof typeof opsFor]} value={String(c.op)} onChange={(op) => set({ op })} />
          <ValueInputs c={c} valueType={valueType} set={set} suggest={{ kind: "attribute-value", params: { key: String(c.field) } }} />
        </>
      );
      break;
    }
    case "feature": {
      const valueType = featureNames[c.feature as keyof typeof featureNames];
      body = (
        <>
          <select
            aria-label="Feature"
            className={control}
            value={String(c.feature)}
            onChange={(e) =>
              set({
                feature: e.target.value,
                op: featureNames[e.target.value as keyof typeof featureNames] === "date" ? "in_last" : "gte",
                value: featureNames[e.target.value as keyof typeof featureNames] === "date" ? 30 : 1,
              })
            }
          >
            {Object.keys(featureNames).map((f) => (
              <option key={f} value={f}>
                {featureLabels[f] ?? f}
              </option>
            ))}
          </select>
          <OpSelect ops={valueType === "date" ? dateOps : numberOps} value={String(c.op)} onChange={(op) => set({ op })} />
          <ValueInputs c={c} valueType={valueType} set={set} />
        </>
      );
      break;
    }
    case "rfm": {
      const isName = c.field === "segment";
      body = (
        <>
          <select
            aria-label="RFM field"
            className={control}
            value={String(c.field)}
            onChange={(e) =>
              set({
                field: e.target.value,
                op: "eq",
                value: e.target.value === "segment" ? "Champions" : e.target.value === "code" ? "555" : 5,
              })
            }
          >
            <option value="segment">segment name</option>
            <option value="r">R score</option>
            <option value="f">F score</option>
            <option value="m">M score</option>
            <option value="code">code</option>
          </select>
          <OpSelect
            ops={isName || c.field === "code" ? ["eq", "neq"] : ["eq", "neq", "gte", "lte"]}
            value={String(c.op)}
            onChange={(op) => set({ op })}
          />
          {isName ? (
            <select aria-label="RFM segment" className={control} value={String(c.value)} onChange={(e) => set({ value: e.target.value })}>
              {rfmSegmentNames.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          ) : c.field === "code" ? (
            <input
              aria-label="RFM code"
              className={`${control} w-20`}
              value={String(c.value)}
              onChange={(e) => set({ value: e.target.value })}
            />
          ) : (
            <input
              aria-label="Score"
              type="number"
              min={1}
              max={5}
              className={`${control} w-16`}
              value={Number(c.value)}
              onChange={(e) => set({ value: Math.min(5, Math.max(1, Number(e.target.value) || 1)) })}
            />
          )}
        </>
      );
      break;
    }
    case "event":
      body = (
        <div className="w-full">
          <div className="flex flex-wrap items-center gap-1.5">
            <select
              aria-label="Did or did not"
              className={control}
              value={c.did === false ? "no" : "yes"}
              onChange={(e) => set({ did: e.target.value === "yes" })}
            >
              <option value="yes">did</option>
              <option value="no">did not do</option>
            </select>
            <SuggestInput
              label="Event"
              kind="event"
              value={String(c.eventType)}
              onChange={(eventType) => set({ eventType })}
              placeholder="event name"
            />
            {c.did === false ? null : (
              <>
                <select
                  aria-label="Count operator"
                  className={control}
                  value={String(c.countOp ?? "gte")}
                  onChange={(e) => set({ countOp: e.target.value })}
                >
                  <option value="gte">at least</option>
                  <option value="lte">at most</option>
                  <option value="eq">exactly</option>
                </select>
                <input
                  aria-label="Times"
                  type="number"
                  min={0}
                  className={`${control} w-16`}
                  value={Number(c.count ?? 1)}
                  onChange={(e) => set({ count: Math.max(0, Number(e.target.value) || 0) })}
                />
                <span className="text-sm text-slate-500">times</span>
              </>
            )}
            <WindowEditor value={c.window as RuleWindow} onChange={(window) => set({ window })} />
          </div>
          <FiltersEditor eventType={String(c.eventType)} where={(c.where as PropertyFilter[]) ?? []} onChange={(where) => set({ where })} />
        </div>
      );
      break;
    case "sequence": {
      const first = c.first as { eventType: string; where: PropertyFilter[] };
      const then = c.then as { eventType: string; where: PropertyFilter[] };
      const within = c.within as { amount: number; unit: string };
      body = (
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-sm text-slate-600">did</span>
          <SuggestInput
            label="First event"
            kind="event"
            value={first.eventType}
            onChange={(eventType) => set({ first: { ...first, eventType } })}
          />
          <WindowEditor value={c.window as RuleWindow} onChange={(window) => set({ window })} />
          <select
            aria-label="Then did or not"
            className={control}
            value={c.thenDid ? "yes" : "no"}
            onChange={(e) => set({ thenDid: e.target.value === "yes" })}
          >
            <option value="no">and not</option>
            <option value="yes">and then</option>
          </select>
          <SuggestInput
            label="Then event"
            kind="event"
            value={then.eventType}
            onChange={(eventType) => set({ then: { ...then, eventType } })}
          />
          <span className="text-sm text-slate-600">within</span>
          <input
            aria-label="Within amount"
            type="number"
            min={1}
            className={`${control} w-16`}
            value={within.amount}
            onChange={(e) => set({ within: { ...within, amount: Math.max(1, Number(e.target.value) || 1) } })}
          />
          <select
            aria-label="Within unit"
            className={control}
            value={within.unit}
            onChange={(e) => set({ within: { ...within, unit: e.target.value } })}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
          <span className="text-sm text-slate-600">after</span>
        </div>
      );
      break;
    }
    case "order":
      body = (
        <>
          <select aria-label="Measure" className={control} value={String(c.measure)} onChange={(e) => set({ measure: e.target.value })}>
            <option value="count">number of orders</option>
            <option value="sum">spend</option>
          </select>
          <SuggestInput
            label="Product SKU (optional)"
            kind="sku"
            value={String(c.sku ?? "")}
            onChange={(sku) => set({ sku: sku || undefined })}
            placeholder="any product"
            className="w-32"
          />
          <SuggestInput
            label="Category (optional)"
            kind="category"
            value={String(c.category ?? "")}
            onChange={(category) => set({ category: category || undefined })}
            placeholder="any category"
            className="w-32"
          />
          <OpSelect ops={["gte", "gt", "eq", "lte", "lt"]} value={String(c.op)} onChange={(op) => set({ op })} />
          <input
            aria-label="Orders or spend"
            type="number"
            min={0}
            className={`${control} w-24`}
            value={Number(c.value)}
            onChange={(e) => set({ value: Math.max(0, Number(e.target.value) || 0) })}
          />
          <WindowEditor value={c.window as RuleWindow} onChange={(window) => set({ window })} />
        </>
      );
      break;
    case "segment":
      body = (
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
          <SuggestInput
            label="Segment"
            kind="segment"
            value={String(c.segmentId)}
            onChange={(segmentId) => set({ segmentId })}
            placeholder="segment id"
          />
          {segmentId ? <span className="text-xs text-slate-500">(a segment cannot use itself)</span> : null}
        </>
      );
      break;
    case "cluster":
      body = <ClusterConditionFields c={c} set={set} />;
      break;
    case "consent":
      body = (
        <>
          <select
            aria-label="May or may not"
            className={control}
            value={c.allowed === false ? "no" : "yes"}
            onChange={(e) => set({ allowed: e.target.value === "yes" })}
          >
            <option value="yes">may be used for</option>
            <option value="no">may not be used for</option>
          </select>
          <select aria-label="Purpose" className={control} value={String(c.purpose)} onChange={(e) => set({ purpose: e.target.value })}>
            <option value="email_marketing">email marketing (needs a grant)</option>
            <option value="personalization">personalization (unless objected)</option>
          </select>
        </>
      );
      break;
  }
  return (
    <div className="flex items-start gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2" data-testid="condition">
      <select
        aria-label="Condition type"
        className={`${control} w-36 shrink-0 font-medium`}
        value={c.kind}
        onChange={(e) => onChange({ type: "condition", ...(conditionDefaults[e.target.value] as Record<string, unknown>) } as Cond)}
      >
        {Object.entries(conditionKindLabels).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">{body}</div>
      <span
        className="shrink-0 rounded-full bg-slate-100 px-2 py-1 text-xs text-slate-600 tabular-nums"
        title="Customers this condition alone matches"
        data-testid="condition-count"
      >
        {count === undefined ? "…" : `${count.toLocaleString("en-GB")} alone`}
      </span>
      <button type="button" aria-label="Remove condition" className="shrink-0 px-1 text-slate-400 hover:text-rose-600" onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}
