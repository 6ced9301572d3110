"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { makeVersionCurrentAction, restoreVersionAction } from "../[id]/versions/actions";

const actions = {
  /** Saves a copy of the version as the newest (history is never rewritten); the action opens the editor on it. */
  restore: { run: restoreVersionAction, pending: "Restoring…" },
  /** Makes a draft current; the server checks it again and says what to fix when it refuses. */
  "make-current": { run: makeVersionCurrentAction, pending: "Checking…" },
} as const;

/** One action on a template version, with the server's refusal shown under the button. */
export function VersionActionButton({
  kind,
  templateId,
  versionId,
  number,
}: {
  kind: keyof typeof actions;
  templateId: string;
  versionId: string;
  number: number;
}) {
  const router = useRouter();
  const action = actions[kind];
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex shrink-0 flex-col items-end">
      <Button
        type="button"
        variant="secondary"
        className="px-2.5 py-1 text-xs"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const result = await action.run({ templateId, versionId }).catch(() => null);
            if (!result) setError("Tailor's server did not answer. Check that it is running, then try again.");
            else if (!result.ok) setError(result.error);
            else router.refresh();
          })
        }
      >
        {pending ? action.pending : kind === "restore" ? `Restore version ${number}` : `Make version ${number} current`}
      </Button>
      {error ? (
        <span role="alert" className="mt-1 w-56 text-left text-xs text-rose-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
