"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useDebounced } from "@/components/ui/use-debounced";
import { saveSegmentRequest, segmentKeys, segmentQueries } from "@/lib/query/segments";
import { segmentRulesSchema, type SegmentRules } from "@/lib/segments/schemas";
import { ExplanationPanel } from "./explanation-panel";
import { GroupEditor } from "./group-editor";

/** The rule builder: edit the tree, see the count, each condition's count and a sample update as you go. */
export function SegmentBuilder({
  segmentId,
  initialName,
  initialDescription,
  initialRules,
  canEdit,
}: {
  segmentId?: string;
  initialName: string;
  initialDescription: string;
  initialRules: SegmentRules;
  canEdit: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(initialName);
  const [description, setDescription] = useState(initialDescription);
  const [rules, setRules] = useState<SegmentRules>(initialRules);
  const [explain, setExplain] = useState<{ id: number; name: string } | null>(null);
  const debounced = useDeferredValue(useDebounced(rules, 200));
  const valid = segmentRulesSchema.safeParse(debounced);
  const preview = useQuery({ ...segmentQueries.preview(valid.success ? valid.data : debounced, segmentId), enabled: valid.success });
  const save = useMutation({
    mutationFn: () => saveSegmentRequest({ id: segmentId, name, description, rules }),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
      if (id !== segmentId) router.push(`/segments/${id}`);
      else router.refresh();
    },
  });
  const firstIssue = valid.success ? null : valid.error.issues[0];

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem]">
      {/* Small screens: the count stays in view at the top while the rules are edited below. */}
      <div
        className="sticky top-16 z-20 -mb-2 flex items-baseline gap-2 rounded-lg bg-white/95 px-4 py-2 shadow-sm ring-1 ring-slate-200 lg:hidden"
        aria-hidden="true"
      >
        <span className="text-2xl font-semibold text-slate-900 tabular-nums" data-testid="segment-count-compact">
          {preview.data ? preview.data.total.toLocaleString("en-GB") : "…"}
        </span>
        <span className="text-sm text-slate-600">customers match{preview.isFetching ? " (updating…)" : ""}</span>
      </div>
      <div className="min-w-0 space-y-4">
        <Card>
          <CardBody className="grid gap-3 sm:grid-cols-2">
            {(
              [
                ["name", "Name", name, setName, "e.g. Shoe browsers who did not buy"],
                ["description", "Description", description, setDescription, "What this audience is for"],
              ] as const
            ).map(([field, label, value, setValue, placeholder]) => (
              <label key={field} className="text-sm font-medium text-slate-800">
                {label}
                <input
                  name={field}
                  className="mt-1 block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600"
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  placeholder={placeholder}
                  disabled={!canEdit}
                />
              </label>
            ))}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Rules"
            description="Conditions on profiles, features, RFM, events, sequences, orders, other segments and consent. Counts update as you edit."
          />
          <CardBody>
            {/* Viewers read the rules: every control inside is disabled for them. */}
            <fieldset disabled={!canEdit} aria-label={canEdit ? undefined : "Rules (read-only)"} className="min-w-0">
              <GroupEditor group={rules} path={[]} onChange={setRules} counts={preview.data?.conditionCounts} segmentId={segmentId} />
            </fieldset>
          </CardBody>
        </Card>
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" disabled={save.isPending || !name.trim() || !valid.success} onClick={() => save.mutate()}>
              {save.isPending ? "Saving…" : segmentId ? "Save changes" : "Save segment"}
            </Button>
            {!name.trim() ? <span className="text-sm text-slate-500">Give the segment a name to save it.</span> : null}
            {save.error ? (
              <span role="alert" className="text-sm text-rose-700">
                Not saved: {save.error.message}
              </span>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-slate-600">Viewers can look at segments; a marketer or admin can change them.</p>
        )}
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <Card>
          <CardHeader
            title="Audience"
            description={
              preview.data ? `As of ${preview.data.ref.slice(0, 16).replace("T", " ")} UTC · counted in ${preview.data.ms} ms` : "Counting…"
            }
          />
          <CardBody>
            <p className="text-4xl font-semibold text-slate-900 tabular-nums" data-testid="segment-count" aria-live="polite">
              {preview.data ? preview.data.total.toLocaleString("en-GB") : "…"}
            </p>
            <p className="text-sm text-slate-600">customers match {preview.isFetching ? "(updating…)" : ""}</p>
            {firstIssue ? (
              <div className="mt-3">
                <Alert tone="warning" title="A condition is incomplete">
                  {firstIssue.path.length ? `At ${firstIssue.path.join(" › ")}: ` : ""}
                  {firstIssue.message}
                </Alert>
              </div>
            ) : null}
            {preview.error ? (
              <div className="mt-3">
                <Alert tone="error" title="These rules cannot be counted">
                  {preview.error.message}
                </Alert>
              </div>
            ) : null}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Sample" description="The first 20 matching customers. “Why?” shows each condition for that person." />
          <CardBody className="space-y-2">
            {preview.data && preview.data.sample.length === 0 ? (
              <p className="text-sm text-slate-500">
                No one matches yet. Loosen a condition, or check the counts beside each one to see which is too strict.
              </p>
            ) : null}
            <ul className="divide-y divide-slate-100" data-testid="sample">
              {(preview.data?.sample ?? []).map((c) => (
                <li key={c.id} className="py-1.5 text-sm">
                  <div className="flex items-center justify-between gap-2">
                    <Link href={`/customers/${c.id}`} className="min-w-0 truncate text-indigo-700 hover:underline">
                      {c.name}
                    </Link>
                    <button
                      type="button"
                      className="shrink-0 text-xs font-medium text-slate-700 hover:text-indigo-700"
                      aria-expanded={explain?.id === c.id}
                      onClick={() => setExplain(explain?.id === c.id ? null : { id: c.id, name: c.name })}
                    >
                      Why?
                    </button>
                  </div>
                  {/* The explanation opens right under the person it explains, where the user is looking. */}
                  {explain?.id === c.id && valid.success ? (
                    <div className="mt-2">
                      <ExplanationPanel rules={valid.data} customerId={explain.id} name={explain.name} onClose={() => setExplain(null)} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      </aside>
    </div>
  );
}
