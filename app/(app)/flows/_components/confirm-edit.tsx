"use client";

import { Button } from "@/components/ui/button";

/** Before an edit of a flow with people inside is saved: what it does to them, and the choice to save or keep editing. */
export function ConfirmEdit({
  effect,
  pending,
  confirmLabel,
  cancelLabel = "Keep editing",
  onConfirm,
  onCancel,
}: {
  effect: string;
  pending: boolean;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
      role="alertdialog"
      aria-label="Confirm the edit"
    >
      <p>{effect}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button disabled={pending} onClick={onConfirm}>
          {pending ? "Saving…" : confirmLabel}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={onCancel}>
          {cancelLabel}
        </Button>
      </div>
    </div>
  );
}
