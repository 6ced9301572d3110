"use client";

import { dateOps, numberOps } from "@/lib/segments/condition-fields";
import { featureLabels, featureNames, type FeatureName } from "@/lib/segments/conditions/feature/schema";
import { OpSelect } from "../op-select";
import { control } from "../suggest-input";
import { ValueInputs } from "../value-inputs";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** A customer feature, an operator for its type, and the value(s). */
export function FeatureEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"feature">>) {
  const set = (patch: Partial<ConditionOf<"feature">>) => onChange({ ...c, ...patch });
  const valueType = featureNames[c.feature];
  return (
    <>
      <select
        aria-label="Feature"
        className={control}
        value={c.feature}
        onChange={(e) => {
          const feature = e.target.value as FeatureName;
          const date = featureNames[feature] === "date";
          set({ feature, op: date ? "in_last" : "gte", value: date ? 30 : 1 });
        }}
      >
        {(Object.keys(featureNames) as FeatureName[]).map((f) => (
          <option key={f} value={f}>
            {featureLabels[f] ?? f}
          </option>
        ))}
      </select>
      <OpSelect<string> ops={valueType === "date" ? dateOps : numberOps} value={c.op} onChange={(op) => set({ op })} />
      <ValueInputs compared={c} valueType={valueType} onChange={set} />
    </>
  );
}
