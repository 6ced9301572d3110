"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmChange } from "@/components/forms/confirm-change";
import { hasRole, roleAbilities, roleLabels, roles, type Role } from "@/lib/auth/roles";
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
  const [chosen, setChosen] = useState<Role>(role);
  const [confirming, setConfirming] = useState(false);
  const resetRole = () => {
    setChosen(role);
    setConfirming(false);
  };
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
        <>
          <div className="flex flex-wrap items-center gap-2">
            <select
              aria-label={`Role of ${email}`}
              value={chosen}
              disabled={pending || !active || confirming}
              onChange={(e) => setChosen(e.target.value as Role)}
              className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
            {chosen !== role && !confirming ? (
              <>
                <Button type="button" onClick={() => setConfirming(true)}>
                  Review change
                </Button>
                <Button type="button" variant="ghost" onClick={resetRole}>
                  Undo
                </Button>
              </>
            ) : null}
          </div>
          {confirming ? (
            <ConfirmChange
              title={`Make ${email} ${roleLabels[chosen].toLowerCase()}?`}
              effect={`${isMe ? "You" : email} will be able to ${roleAbilities[chosen]}${
                hasRole(role, chosen) && role !== chosen ? `, and no longer ${roleAbilities[role].split(",")[0]}` : ""
              }. It applies from their next page.`}
              confirmLabel="Change the role"
              onCancel={resetRole}
              onConfirm={async (reason) => {
                const result = await setUserRoleAction({ userId, role: chosen, reason });
                if (!result.ok) return result.error;
                setConfirming(false);
                router.refresh();
                return null;
              }}
            />
          ) : null}
        </>
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
