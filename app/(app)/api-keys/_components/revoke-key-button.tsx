"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { revokeApiKeyAction } from "../actions";

/** Revokes a key after confirmation; calls with it are refused from that moment. */
export function RevokeKeyButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function revoke() {
    if (!window.confirm(`Revoke “${label}”? Calls with this key are refused at once; this cannot be undone.`)) return;
    setPending(true);
    const result = await revokeApiKeyAction({ id }).catch(() => null);
    setPending(false);
    if (!result?.ok) setError(result?.error ?? "Tailor's server did not answer; try again.");
    else router.refresh();
  }
  return (
    <div className="text-right">
      <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={revoke} disabled={pending}>
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      {error ? <p className="mt-1 text-xs text-rose-600">{error}</p> : null}
    </div>
  );
}
