"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createStarterFlowAction } from "../actions";

/** One button per starter flow: creates a draft from it and opens it. */
export function StarterButtons({ starters }: { starters: { key: string; name: string; description: string }[] }) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function create(key: string) {
    setPending(key);
    setError(null);
    const result = await createStarterFlowAction({ key }).catch(() => null);
    setPending(null);
    if (!result || !result.ok) {
      setError(result?.error ?? "Tailor's server did not answer. Check that it is running, then try again.");
      return;
    }
    router.push(`/flows/${(result.data as { id: string }).id}`);
  }
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {starters.map((s) => (
          <li key={s.key} className="flex flex-col justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <div>
              <p className="font-semibold text-slate-900">{s.name}</p>
              <p className="mt-1 text-sm text-slate-600">{s.description}</p>
            </div>
            <Button variant="secondary" disabled={pending !== null} onClick={() => void create(s.key)}>
              {pending === s.key ? "Creating…" : `Start from “${s.name}”`}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
