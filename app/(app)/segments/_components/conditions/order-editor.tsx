"use client";

import { OpSelect } from "../op-select";
import { control, SuggestInput } from "../suggest-input";
import { WindowEditor } from "../window-editor";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** Number of purchases or spend, of a product or category, compared with a value in a window. */
export function OrderEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"order">>) {
  const set = (patch: Partial<ConditionOf<"order">>) => onChange({ ...c, ...patch });
  return (
    <>
      <select
        aria-label="Measure"
        className={control}
        value={c.measure}
        onChange={(e) => set({ measure: e.target.value as ConditionOf<"order">["measure"] })}
      >
        <option value="count">number of orders</option>
        <option value="sum">spend</option>
      </select>
      <SuggestInput
        label="Product SKU (optional)"
        kind="sku"
        value={c.sku ?? ""}
        onChange={(sku) => set({ sku: sku || undefined })}
        placeholder="any product"
        className="w-32"
      />
      <SuggestInput
        label="Category (optional)"
        kind="category"
        value={c.category ?? ""}
        onChange={(category) => set({ category: category || undefined })}
        placeholder="any category"
        className="w-32"
      />
      <OpSelect ops={["gte", "gt", "eq", "lte", "lt"] as const} value={c.op} onChange={(op) => set({ op })} />
      <input
        aria-label="Orders or spend"
        type="number"
        min={0}
        className={`${control} w-24`}
        value={Number(c.value)}
        onChange={(e) => set({ value: Math.max(0, Number(e.target.value) || 0) })}
      />
      <WindowEditor value={c.window} onChange={(window) => set({ window })} />
    </>
  );
}
