"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ConsentDefaultRule } from "@/lib/consent/schemas";
import { setPurposeDefaultAction } from "../actions";

/** Changes a purpose's default at once (audit-logged); shows the server's error if any. */
export function PurposeDefaultSelect({ purposeKey, label, value }: { purposeKey: string; label: string; value: ConsentDefaultRule }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div>
      <select
        aria-label={`Default for ${label}`}
        defaultValue={value}
        disabled={pending}
        onChange={async (e) => {
          setPending(true);
          const result = await setPurposeDefaultAction({ key: purposeKey, defaultRule: e.target.value }).catch(() => null);
          setPending(false);
          setError(result?.ok ? null : (result?.error ?? "The server did not answer; try again."));
          router.refresh();
        }}
        className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
      >
        <option value="opt_in">Not allowed until granted (opt-in)</option>
        <option value="opt_out">Allowed unless the person objects (opt-out)</option>
      </select>
      {error ? <p className="mt-1 text-xs text-rose-600">{error}</p> : null}
    </div>
  );
}
