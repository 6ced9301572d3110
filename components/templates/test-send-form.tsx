"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { sendTestEmailRequest } from "@/lib/query/templates";
import { testSendSchema } from "@/lib/templates/schemas";
import type { TemplateDraft } from "@/lib/templates/types";

/** Sends the preview, rendered for the previewed customer, to one address (SMTP, or the Outbox in development). */
export function TestSendForm({
  templateId,
  draft,
  customerId,
  hasErrors,
}: {
  templateId: string;
  draft: TemplateDraft;
  customerId: number | null;
  hasErrors: boolean;
}) {
  const [to, setTo] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (address: string) => sendTestEmailRequest({ templateId, draft, customerId: customerId ?? 0, to: address }),
  });
  const blocked = customerId === null ? "Choose a customer to preview as first." : hasErrors ? "Fix the errors above first." : null;

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = testSendSchema.safeParse({ to });
        if (!parsed.success) {
          setFieldError(parsed.error.issues[0]?.message ?? "Enter an email address.");
          return;
        }
        setFieldError(null);
        send.mutate(parsed.data.to);
      }}
    >
      <label htmlFor="test-send-to" className="block text-sm font-medium text-slate-800">
        Send a test to
      </label>
      <div className="flex gap-2">
        <input
          id="test-send-to"
          type="email"
          placeholder="you@example.com"
          className="block w-full rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600"
          value={to}
          aria-invalid={fieldError ? true : undefined}
          onChange={(e) => setTo(e.target.value)}
        />
        <Button type="submit" disabled={Boolean(blocked) || send.isPending} className="shrink-0">
          {send.isPending ? "Sending…" : "Send test"}
        </Button>
      </div>
      {fieldError ? (
        <p className="text-sm text-rose-600">{fieldError}</p>
      ) : (
        <p className="text-xs text-slate-500">To your own address, another user&apos;s, or one an admin allows in Settings.</p>
      )}
      {blocked ? <p className="text-xs text-slate-500">{blocked}</p> : null}
      {send.isError ? (
        <p role="alert" className="text-sm text-rose-600">
          {send.error.message}
        </p>
      ) : null}
      {send.data ? (
        <p role="status" className="text-sm text-emerald-700">
          {send.data.delivery === "smtp" ? (
            <>Sent over SMTP (message id {send.data.messageId}).</>
          ) : (
            <>
              No SMTP server is configured (SMTP_URL), so the test went to the development SMTP server and landed in the{" "}
              <Link className="font-medium underline" href="/outbox">
                Outbox
              </Link>
              .
            </>
          )}
        </p>
      ) : null}
    </form>
  );
}
