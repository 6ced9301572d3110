"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/http/action-result";
import { cancelCampaignAction, pauseCampaignAction, resumeCampaignAction, sendCampaignAction } from "../actions";

type Action = (input: unknown) => Promise<ActionResult<void>>;

function useCampaignAction(id: string) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: Action) {
    setPending(true);
    setError(null);
    const result = await action({ id }).catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      setError(result?.error ?? "Tailor's server did not answer. Check that it is running, then try again.");
      return false;
    }
    router.refresh();
    return true;
  }
  return { pending, error, run };
}

/**
 * Sending needs a confirmation that states its effect: how many people receive which email, when,
 * and that only pausing or cancelling can stop it afterwards.
 */
export function SendConfirm({
  id,
  name,
  willReceive,
  when,
  effect,
  disabled,
}: {
  id: string;
  name: string;
  willReceive: number;
  when: string;
  /** What an experiment does with the audience (who gets which variant, who gets nothing). */
  effect?: string;
  disabled?: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useCampaignAction(id);
  const people = `${willReceive.toLocaleString("en-GB")} ${willReceive === 1 ? "person" : "people"}`;
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {confirming ? (
        <div
          className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
          role="alertdialog"
          aria-label="Confirm sending"
        >
          <p className="font-semibold">
            Send “{name}” {when} to about {people}?
          </p>
          <p className="mt-1">
            The audience is counted again and frozen at the moment of sending: consent, suppression and the frequency cap are checked once
            more for each person. Once it starts, you can pause or cancel it, but messages already sent cannot be recalled.
          </p>
          {effect ? <p className="mt-1 font-medium">{effect}</p> : null}
          <div className="mt-3 flex gap-2">
            <Button onClick={() => void run(sendCampaignAction)} disabled={pending}>
              {pending ? "Sending…" : `Yes, send to ${people}`}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              Not yet
            </Button>
          </div>
        </div>
      ) : (
        <Button onClick={() => setConfirming(true)} disabled={disabled || willReceive === 0}>
          {when === "now" ? "Send now…" : "Schedule…"}
        </Button>
      )}
    </div>
  );
}

/** Pause, resume and cancel, by status; cancelling asks first. */
export function CampaignControls({ id, status }: { id: string; status: string }) {
  const [confirmCancel, setConfirmCancel] = useState(false);
  const { pending, error, run } = useCampaignAction(id);
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {status === "sending" ? (
          <Button variant="secondary" onClick={() => void run(pauseCampaignAction)} disabled={pending}>
            Pause
          </Button>
        ) : null}
        {status === "paused" ? (
          <Button onClick={() => void run(resumeCampaignAction)} disabled={pending}>
            Resume
          </Button>
        ) : null}
        {["scheduled", "sending", "paused"].includes(status) ? (
          confirmCancel ? (
            <>
              <Button variant="danger" onClick={() => void run(cancelCampaignAction)} disabled={pending}>
                Yes, cancel: skip everyone not yet sent to
              </Button>
              <Button variant="ghost" onClick={() => setConfirmCancel(false)}>
                Keep sending
              </Button>
            </>
          ) : (
            <Button variant="ghost" onClick={() => setConfirmCancel(true)} disabled={pending}>
              Cancel campaign…
            </Button>
          )
        ) : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
