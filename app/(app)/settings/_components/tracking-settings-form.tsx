"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { callAction } from "@/components/forms/call-action";
import { saveTrackingSettingsAction } from "../actions";

/** Campaign reports: how many days after a click orders count, and the addresses whose opens are a machine's. */
export function TrackingSettingsForm({ attributionDays, ranges }: { attributionDays: number; ranges: number }) {
  const router = useRouter();
  const [days, setDays] = useState(String(attributionDays));
  const [list, setList] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await callAction(saveTrackingSettingsAction, {
      attributionDays: days,
      ...(list.trim() ? { machineIpList: list } : {}),
    });
    setPending(false);
    if (!result.ok) {
      setMessage({ tone: "error", text: result.error });
      return;
    }
    setMessage({
      tone: "success",
      text: result.data.ranges === null ? "Saved." : `Saved: ${result.data.ranges.toLocaleString("en-GB")} address ranges on the list.`,
    });
    setList("");
    router.refresh();
  }
  return (
    <form onSubmit={onSubmit}>
      <CardHeader
        title="Campaign tracking"
        description="What campaign reports count as revenue, and which opens and clicks are machines' rather than people's."
      />
      <CardBody className="space-y-4">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <Field
          label="Revenue attribution window (days)"
          name="attributionDays"
          hint="Orders a recipient places within this many days after clicking a campaign count as its revenue."
        >
          <Input
            name="attributionDays"
            type="number"
            min={1}
            max={90}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            className="max-w-32"
          />
        </Field>
        <Field
          label="Machine addresses"
          name="machineIpList"
          hint={`${ranges.toLocaleString("en-GB")} ranges on the list now. Paste a new list to replace it: one IP address or CIDR range a line, or a CSV such as Apple's Private Relay egress list (first column). Apple Mail Privacy Protection and scanners are also recognised by user agent and timing.`}
        >
          <Textarea
            name="machineIpList"
            rows={5}
            mono
            value={list}
            onChange={(e) => setList(e.target.value)}
            placeholder={"17.0.0.0/8\n2a01:b740::/32"}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save tracking settings"}
        </Button>
      </CardBody>
    </form>
  );
}
