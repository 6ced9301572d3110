"use client";

import { booleanOps, dateOps, numberOps, textOps, type ValueType } from "@/lib/segments/condition-fields";
import { profileFieldLabels, profileFields, type ProfileField } from "@/lib/segments/conditions/attribute/schema";
import { OpSelect } from "../op-select";
import { control, SuggestInput } from "../suggest-input";
import { ValueInputs } from "../value-inputs";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

const opsFor = { text: textOps, number: numberOps, date: dateOps, boolean: booleanOps } as const;

/** A profile field or a custom attribute, an operator for its type, and the value(s). */
export function AttributeEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"attribute">>) {
  const set = (patch: Partial<ConditionOf<"attribute">>) => onChange({ ...c, ...patch });
  return (
    <>
      <select
        aria-label="Attribute"
        className={control}
        title={c.custom ? undefined : `Key: ${c.field}`}
        value={c.custom ? "__custom" : c.field}
        onChange={(e) => {
          const field = e.target.value;
          if (field === "__custom") set({ custom: true, field: "", valueType: "text", op: "eq" });
          else {
            const vt = profileFields[field as ProfileField];
            set({ custom: false, field, valueType: vt, op: vt === "date" ? "in_last" : "eq", value: vt === "date" ? 30 : "" });
          }
        }}
      >
        {(Object.keys(profileFields) as ProfileField[]).map((f) => (
          <option key={f} value={f} title={`Key: ${f}`}>
            {profileFieldLabels[f]}
          </option>
        ))}
        <option value="__custom">custom attribute…</option>
      </select>
      {c.custom ? (
        <>
          <SuggestInput
            label="Attribute key"
            kind="attribute"
            value={c.field}
            onChange={(field) => set({ field })}
            placeholder="key"
            className="w-36"
            words
          />
          <select
            aria-label="Type"
            className={control}
            value={c.valueType}
            onChange={(e) => {
              const valueType = e.target.value as ValueType;
              set({ valueType, op: opsFor[valueType][0] });
            }}
          >
            <option value="text">text</option>
            <option value="number">number</option>
            <option value="date">date</option>
            <option value="boolean">yes/no</option>
          </select>
        </>
      ) : null}
      <OpSelect<string> ops={opsFor[c.valueType]} value={c.op} onChange={(op) => set({ op })} />
      <ValueInputs compared={c} valueType={c.valueType} onChange={set} suggest={{ kind: "attribute-value", params: { key: c.field } }} />
    </>
  );
}
