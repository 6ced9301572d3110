"use client";

import { control } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/** May (or may not) be used for a consent purpose. */
export function ConsentEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"consent">>) {
  const set = (patch: Partial<ConditionOf<"consent">>) => onChange({ ...c, ...patch });
  return (
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
      <select
        aria-label="Purpose"
        className={control}
        value={c.purpose}
        onChange={(e) => set({ purpose: e.target.value as ConditionOf<"consent">["purpose"] })}
      >
        <option value="email_marketing">email marketing (needs a grant)</option>
        <option value="personalization">personalization (unless objected)</option>
      </select>
    </>
  );
}
