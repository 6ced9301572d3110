"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { FlowTrigger } from "@/lib/flows/schemas";
import { createFlowAction } from "../actions";
import { failureText } from "./field-errors";
import type { SegmentChoice } from "./segment-select";
import { TriggerFields } from "./trigger-fields";

/** A flow from scratch: its name and trigger; it opens as a draft, ready for its steps. */
export function NewFlowForm({ segments }: { segments: SegmentChoice[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [trigger, setTrigger] = useState<FlowTrigger>({ kind: "event", event: "", where: [] });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function create() {
    setPending(true);
    setError(null);
    const result = await createFlowAction({ name, trigger }).catch(() => null);
    if (!result || !result.ok) {
      setPending(false);
      return setError(failureText(result));
    }
    router.push(`/flows/${result.data.id}`);
  }
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="New flow"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <label className="block text-sm font-medium text-slate-800">
        Name
        <Input name="new-flow-name" className="mt-1 py-1.5 sm:w-80" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <TriggerFields value={trigger} segments={segments} onChange={setTrigger} />
      <p className="text-xs text-slate-500">
        The flow starts as a draft: add its steps, re-entry rule and exit criteria, then switch it on. Nobody enters before.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create the flow"}
      </Button>
    </form>
  );
}
