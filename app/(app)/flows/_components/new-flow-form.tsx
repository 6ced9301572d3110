"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { newFlowSchema, type FlowTrigger } from "@/lib/flows/schemas";
import { createFlowAction } from "../actions";
import { FieldSlot, FlowFormFields, FlowFormSummary, useFlowForm } from "./flow-form";
import type { SegmentChoice } from "./segment-select";
import { TriggerFields } from "./trigger-fields";

/** A flow from scratch: its name and trigger; it opens as a draft, ready for its steps. */
export function NewFlowForm({ segments }: { segments: SegmentChoice[] }) {
  const router = useRouter();
  const form = useFlowForm();
  const [name, setName] = useState("");
  const [trigger, setTrigger] = useState<FlowTrigger>({ kind: "event", event: "", where: [] });
  async function create() {
    const input = form.check(newFlowSchema, { name, trigger });
    if (!input) return;
    // Pending from the click until the flow's page replaces this one.
    const created = await form.submit(createFlowAction, input, (data) => router.push(`/flows/${data.id}`));
    if (created) form.setPending(true);
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
      <FlowFormSummary form={form} />
      <FlowFormFields form={form}>
        <FieldSlot path="name">
          <label className="block text-sm font-medium text-slate-800">
            Name
            <Input name="new-flow-name" className="mt-1 py-1.5 sm:w-80" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        </FieldSlot>
        <TriggerFields value={trigger} segments={segments} onChange={setTrigger} />
      </FlowFormFields>
      <p className="text-xs text-slate-500">
        The flow starts as a draft: add its steps, re-entry rule and exit criteria, then switch it on. Nobody enters before.
      </p>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Creating…" : "Create the flow"}
      </Button>
    </form>
  );
}
