"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmChange } from "@/components/forms/confirm-change";
import { Button } from "@/components/ui/button";
import type { PurposeDefaultChange } from "@/lib/consent/preview-purpose-default";
import type { ConsentDefaultRule } from "@/lib/consent/schemas";
import { previewPurposeDefaultAction, setPurposeDefaultAction } from "../actions";

const ruleLabels: Record<ConsentDefaultRule, string> = {
  opt_in: "Not allowed until granted (opt-in)",
  opt_out: "Allowed unless the person objects (opt-out)",
};

/**
 * A purpose's default: choosing another value changes nothing until "Review change", which shows
 * how many people it decides for, and a confirmation with a reason (audit-logged).
 */
export function PurposeDefaultSelect({ purposeKey, label, value }: { purposeKey: string; label: string; value: ConsentDefaultRule }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<ConsentDefaultRule>(value);
  const [change, setChange] = useState<PurposeDefaultChange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const reset = () => {
    setChosen(value);
    setChange(null);
    setError(null);
  };
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label={`Default for ${label}`}
          value={chosen}
          disabled={pending || change !== null}
          onChange={(e) => {
            setChosen(e.target.value as ConsentDefaultRule);
            setError(null);
          }}
          className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
        >
          {(Object.keys(ruleLabels) as ConsentDefaultRule[]).map((r) => (
            <option key={r} value={r}>
              {ruleLabels[r]}
            </option>
          ))}
        </select>
        {chosen !== value && change === null ? (
          <>
            <Button
              type="button"
              disabled={pending}
              onClick={async () => {
                setPending(true);
                const result = await previewPurposeDefaultAction({ key: purposeKey, defaultRule: chosen }).catch(() => null);
                setPending(false);
                if (result?.ok) setChange(result.data);
                else setError(result?.error ?? "The server did not answer; nothing changed. Try again.");
              }}
            >
              {pending ? "Counting…" : "Review change"}
            </Button>
            <Button type="button" variant="ghost" onClick={reset}>
              Undo
            </Button>
          </>
        ) : null}
      </div>
      {error ? <p className="mt-1 text-xs text-rose-700">{error}</p> : null}
      {change ? (
        <ConfirmChange
          title={`Change the default of ${change.label} to ${ruleLabels[change.to].toLowerCase()}?`}
          effect={change.effect}
          confirmLabel="Change the default"
          onCancel={reset}
          onConfirm={async (reason) => {
            const result = await setPurposeDefaultAction({ key: purposeKey, defaultRule: change.to, reason });
            if (!result.ok) return result.error;
            setChange(null);
            router.refresh();
            return null;
          }}
        />
      ) : null}
    </div>
  );
}
