"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { restoreVersionAction } from "../[id]/versions/actions";

/** Restores a version as the newest (a new version; history is never rewritten). */
export function RestoreButton({ templateId, versionId, number }: { templateId: string; versionId: string; number: number }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end">
      <Button
        type="button"
        variant="secondary"
        className="px-2.5 py-1 text-xs"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await restoreVersionAction({ templateId, versionId }).catch(() => null);
            if (result && !result.ok) setError(result.error);
            else if (!result) setError("Tailor's server did not answer. Check that it is running, then try again.");
          })
        }
      >
        {pending ? "Restoring…" : `Restore version ${number}`}
      </Button>
      {error ? <span className="mt-1 text-xs text-rose-600">{error}</span> : null}
    </span>
  );
}
