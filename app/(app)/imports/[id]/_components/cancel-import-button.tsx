"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { importKeys } from "@/lib/query/imports";
import { postJson } from "@/lib/uploads/upload-file";

/** Stops a queued or running import (a running one rolls back: nothing of the file is kept). */
export function CancelImportButton({ id, requested }: { id: string; requested: boolean }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <Button
        variant="secondary"
        disabled={requested}
        onClick={async () => {
          setError(null);
          try {
            await postJson(`/api/v1/imports/${id}/cancel`, {});
            await queryClient.invalidateQueries({ queryKey: importKeys.all });
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        {requested ? "Cancelling…" : "Cancel import"}
      </Button>
      {error ? <p className="text-sm text-rose-600">{error}</p> : null}
    </div>
  );
}
