"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The confirmation of a change that decides who may be emailed or what a user may do: states the
 * effect (in numbers where there are numbers), asks for the reason the audit log keeps, and changes
 * nothing until confirmed.
 */
export function ConfirmChange({
  title,
  effect,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  effect: string;
  confirmLabel: string;
  /** Resolves to an error message to show, or null once done. */
  onConfirm: (reason: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      className="mt-2 space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200"
    >
      <p id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {title}
      </p>
      <p className="text-sm text-slate-800" data-testid="change-effect">
        {effect}
      </p>
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
          Reason (kept in the audit log)
        </label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset"
        />
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={async () => {
            if (reason.trim().length < 5) {
              setError("Say why you make this change (at least 5 characters); it is kept in the audit log.");
              return;
            }
            setPending(true);
            setError(null);
            const problem = await onConfirm(reason.trim()).catch(() => "The server did not answer; nothing changed. Try again.");
            setPending(false);
            setError(problem);
          }}
        >
          {pending ? "Saving…" : confirmLabel}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={onCancel}>
          Keep it as it is
        </Button>
      </div>
    </div>
  );
}
