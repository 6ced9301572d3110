"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { undoMergeFromProfile } from "../actions";

/** Undoes a merge after confirmation (admins). */
export function UndoMergeButton({ mergeId, mergedId }: { mergeId: number; mergedId: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function undo() {
    if (
      !window.confirm(
        `Undo this merge? Customer #${mergedId} comes back with the identities, events, orders and consent that moved, and the two are never merged again automatically.`,
      )
    )
      return;
    setPending(true);
    const result = await undoMergeFromProfile({ mergeId }).catch(() => null);
    setPending(false);
    if (!result?.ok) setError(result?.error ?? "Tailor's server did not answer; try again.");
    else router.refresh();
  }
  return (
    <div>
      <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={undo} disabled={pending}>
        {pending ? "Undoing…" : "Undo merge"}
      </Button>
      {error ? <p className="mt-1 text-xs text-rose-600">{error}</p> : null}
    </div>
  );
}
