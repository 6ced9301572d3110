"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { setFlowStatusAction } from "../../actions";

type Target = "active" | "paused" | "archived";

/** What each change does to who may be emailed, stated before it happens. */
function effectOf(target: Target, status: string, inside: number, trigger: string): string {
  const people = `${inside.toLocaleString("en-GB")} ${inside === 1 ? "person" : "people"}`;
  if (target === "active" && status === "draft")
    return `From now on, everyone who ${trigger} enters this flow and gets its emails (consent, suppression and the frequency cap still apply).`;
  if (target === "active")
    return `The ${people} inside continue where they are; waits that fell due while paused fire now, and new people enter again.`;
  if (target === "paused") return `Nobody new enters; the ${people} inside hold where they are and get no email until you resume.`;
  return `The ${people} inside leave the flow and get none of its remaining emails. An archived flow cannot be switched on again.`;
}

export function FlowStatusControls({ id, status, inside, trigger }: { id: string; status: string; inside: number; trigger: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Target | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targets: { target: Target; label: string }[] =
    status === "draft"
      ? [{ target: "active", label: "Switch on" }]
      : status === "active"
        ? [
            { target: "paused", label: "Pause" },
            { target: "archived", label: "Archive" },
          ]
        : status === "paused"
          ? [
              { target: "active", label: "Resume" },
              { target: "archived", label: "Archive" },
            ]
          : [];
  async function run(target: Target) {
    setPending(true);
    setError(null);
    const result = await setFlowStatusAction({ id, status: target }).catch(() => null);
    setPending(false);
    setConfirming(null);
    if (!result || !result.ok) {
      setError(result?.error ?? "Tailor's server did not answer. Check that it is running, then try again.");
      return;
    }
    router.refresh();
  }
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {confirming ? (
        <div
          className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
          role="alertdialog"
          aria-label="Confirm the change"
        >
          <p>{effectOf(confirming, status, inside, trigger)}</p>
          <div className="mt-3 flex gap-2">
            <Button disabled={pending} onClick={() => void run(confirming)}>
              {pending ? "Saving…" : `Yes, ${targets.find((t) => t.target === confirming)?.label.toLowerCase()}`}
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex gap-2">
          {targets.map((t) => (
            <Button key={t.target} variant={t.target === "archived" ? "secondary" : "primary"} onClick={() => setConfirming(t.target)}>
              {t.label}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
