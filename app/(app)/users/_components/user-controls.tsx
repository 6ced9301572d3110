"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { roleLabels, roles, type Role } from "@/lib/auth/roles";
import { setUserActiveAction, setUserRoleAction } from "../actions";

/** The role select or the deactivate/reactivate button of one user row; shows the server's refusal. */
export function UserControls({
  userId,
  email,
  role,
  active,
  isMe,
  part,
}: {
  userId: string;
  email: string;
  role: Role;
  active: boolean;
  isMe: boolean;
  part: "role" | "active";
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function run(call: () => Promise<{ ok: boolean; error?: string } | null>) {
    setPending(true);
    const result = await call().catch(() => null);
    setPending(false);
    setError(result?.ok ? null : ((result as { error?: string } | null)?.error ?? "The server did not answer; try again."));
    router.refresh();
  }
  return (
    <div>
      {part === "role" ? (
        <select
          aria-label={`Role of ${email}`}
          defaultValue={role}
          disabled={pending || !active}
          onChange={(e) => void run(() => setUserRoleAction({ userId, role: e.target.value }))}
          className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </select>
      ) : isMe ? (
        <span className="text-xs text-slate-500">you</span>
      ) : (
        <Button
          variant={active ? "secondary" : "ghost"}
          disabled={pending}
          onClick={() => void run(() => setUserActiveAction({ userId, active: !active }))}
          aria-label={`${active ? "Deactivate" : "Reactivate"} ${email}`}
        >
          {active ? "Deactivate" : "Reactivate"}
        </Button>
      )}
      {error ? <p className="mt-1 text-xs text-rose-600">{error}</p> : null}
    </div>
  );
}
