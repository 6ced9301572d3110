"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useDebounced } from "@/components/ui/use-debounced";
import { saveTemplateVersionRequest, templateQueries, type CustomerOption, type SavedVersionResponse } from "@/lib/query/templates";
import { describeBlocker } from "@/lib/templates/version-blockers";
import type { TemplateDiagnostic, TemplateDraft } from "@/lib/templates/types";
import { CodeEditor } from "./code-editor";
import { DiagnosticsList } from "./diagnostics-list";
import { PreviewAs } from "./preview-as";
import { PreviewFrame, WidthToggle, type PreviewWidth } from "./preview-frame";
import { TestSendForm } from "./test-send-form";
import { VariablesPanel } from "./variables-panel";

/** How long typing must pause before the draft is checked and the preview re-rendered. */
const typingPauseMs = 300;

const sameDiagnostic = (a: TemplateDiagnostic, b: TemplateDiagnostic) =>
  a.field === b.field && a.line === b.line && a.source === b.source && a.message === b.message;

/**
 * The template editor: subject, preheader and the MJML + Liquid body on the left, checked as the
 * user types (errors at their line); on the right the email rendered for a chosen customer in a
 * sandboxed frame, the variables and conditions behind it, and a test send.
 */
export function TemplateEditor({
  templateId,
  initial,
  versionNumber,
  versionDraft,
  currentNumber,
  canEdit,
  canPreview,
  initialCustomer,
}: {
  templateId: string;
  initial: TemplateDraft;
  versionNumber: number | null;
  /** The opened version is a draft (not sent). */
  versionDraft: boolean;
  /** The template's current version (the newest non-draft), if any. */
  currentNumber: number | null;
  canEdit: boolean;
  canPreview: boolean;
  initialCustomer: CustomerOption | null;
}) {
  const router = useRouter();
  const [subject, setSubject] = useState(initial.subject);
  const [preheader, setPreheader] = useState(initial.preheader);
  const [mjml, setMjml] = useState(initial.mjml);
  const [customer, setCustomer] = useState<CustomerOption | null>(initialCustomer);
  const [width, setWidth] = useState<PreviewWidth>("desktop");
  const [tab, setTab] = useState<"variables" | "text">("variables");
  const draft = useMemo(() => ({ subject, preheader, mjml }), [subject, preheader, mjml]);
  const debounced = useDebounced(draft, typingPauseMs);
  const dirty = subject !== initial.subject || preheader !== initial.preheader || mjml !== initial.mjml;

  const validation = useQuery(templateQueries.validate(debounced));
  const preview = useQuery({ ...templateQueries.preview(debounced, customer?.id ?? 0), enabled: canPreview && customer !== null });
  const save = useMutation({
    mutationFn: (asDraft: boolean) => saveTemplateVersionRequest(templateId, draft, asDraft),
    onSuccess: () => router.refresh(),
  });

  const diagnostics = useMemo(() => {
    const base = validation.isPlaceholderData ? [] : (validation.data?.diagnostics ?? []);
    const fromPreview = preview.data && !preview.isPlaceholderData ? preview.data.diagnostics : [];
    return [...base, ...fromPreview.filter((d) => !base.some((b) => sameDiagnostic(b, d)))];
  }, [validation.data, validation.isPlaceholderData, preview.data, preview.isPlaceholderData]);
  const hasErrors = diagnostics.some((d) => d.severity === "error");
  const bodyDiagnostics = useMemo(() => diagnostics.filter((d) => d.field === "body"), [diagnostics]);
  const footer = diagnostics.filter((d) => d.source === "footer");
  const variables = useMemo(() => preview.data?.variables ?? [], [preview.data]);
  const checking = validation.isFetching || debounced !== draft;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600" data-testid="version-status">
          {versionNumber ? <>Editing from version {versionNumber}.</> : <>Not saved yet.</>}
          {versionNumber && versionDraft ? <Badge tone="warning">Draft: not sent</Badge> : null}
          <span>{currentNumber ? `Current version: ${currentNumber}.` : "No current version yet."}</span>
          {dirty ? <Badge tone="warning">Unsaved changes</Badge> : <Badge tone="success">Saved</Badge>}
        </p>
        <div className="flex items-center gap-2">
          <LinkButton href={`/templates/${templateId}/versions`} variant="secondary">
            Versions
          </LinkButton>
          {canEdit ? (
            <>
              <Button
                type="button"
                variant="secondary"
                disabled={!dirty || save.isPending}
                onClick={() => save.mutate(true)}
                title="Keep it out of campaigns and flows until you make it current on the Versions page."
              >
                Save as draft
              </Button>
              <Button
                type="button"
                disabled={!dirty || save.isPending}
                onClick={() => save.mutate(false)}
                title="Becomes the current version (what new campaigns pin and flows send) unless it has errors or footer problems: then it is saved as a draft."
              >
                {save.isPending ? "Saving…" : "Save version"}
              </Button>
            </>
          ) : null}
        </div>
      </div>
      {save.isError ? (
        <Alert tone="error" title="The version was not saved">
          {save.error.message}
        </Alert>
      ) : null}
      {save.isSuccess && !dirty ? <SavedNotice saved={save.data} templateId={templateId} /> : null}
      {!canEdit ? <Alert tone="info">You can read this template; editing and test sends need the marketer role.</Alert> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardBody className="space-y-3">
            <DraftLine
              label="Subject"
              name="subject"
              value={subject}
              onChange={setSubject}
              readOnly={!canEdit}
              diagnostics={diagnostics}
              placeholder='e.g. {{ customer.first_name | default: "Hello" }}, your picks are in'
            />
            <DraftLine
              label="Preheader"
              name="preheader"
              value={preheader}
              onChange={setPreheader}
              readOnly={!canEdit}
              diagnostics={diagnostics}
              placeholder="The line inboxes show after the subject"
            />
            <div>
              <p className="mb-1 text-sm font-medium text-slate-800">Body (MJML + Liquid)</p>
              <div className="h-[36rem]">
                <CodeEditor
                  label="Template body"
                  initialValue={initial.mjml}
                  onChange={setMjml}
                  diagnostics={bodyDiagnostics}
                  variables={variables}
                  readOnly={!canEdit}
                />
              </div>
            </div>
            <div aria-live="polite">
              {validation.isError ? (
                <Alert tone="error">{validation.error.message}</Alert>
              ) : (
                <DiagnosticsList diagnostics={diagnostics} checking={checking} />
              )}
            </div>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Preview"
            description={
              preview.data?.compileMode ? `Rendering: ${preview.data.compileMode}` : "The email as this customer will receive it."
            }
            action={<WidthToggle value={width} onChange={setWidth} />}
          />
          <CardBody className="space-y-4">
            {canPreview ? (
              <PreviewAs customer={customer} onChange={setCustomer} />
            ) : (
              <Alert tone="info">Previewing as a customer shows their personal data, so it needs the marketer role.</Alert>
            )}
            {footer.length > 0 ? (
              <Alert tone="warning" title="Marketing email must end with the postal address and an unsubscribe link">
                {footer.map((d, i) => (
                  <p key={i}>{d.message}</p>
                ))}
              </Alert>
            ) : null}
            {customer && canPreview ? (
              <PreviewBody
                preview={preview.data}
                stale={preview.isPlaceholderData || preview.isFetching || debounced !== draft}
                error={preview.isError ? preview.error.message : null}
                customer={customer}
                width={width}
              />
            ) : canPreview ? (
              <p className="rounded-md bg-slate-50 px-4 py-8 text-center text-sm text-slate-600">
                Choose a customer above (search by name or email, or pick a segment) to see the email as they will receive it.
              </p>
            ) : null}
            {preview.data ? (
              <div>
                <div role="tablist" className="mb-3 flex gap-4 border-b border-slate-200 text-sm">
                  {(["variables", "text"] as const).map((t) => (
                    <button
                      key={t}
                      role="tab"
                      type="button"
                      aria-selected={tab === t}
                      onClick={() => setTab(t)}
                      className={cn(
                        "-mb-px border-b-2 px-1 pb-2 font-medium",
                        tab === t ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800",
                      )}
                    >
                      {t === "variables" ? "Variables and conditions" : "Plain-text version"}
                    </button>
                  ))}
                </div>
                {tab === "variables" ? (
                  <VariablesPanel
                    variables={preview.data.variables}
                    branches={preview.data.branches}
                    unknown={diagnostics.filter((d) => d.source === "variable")}
                  />
                ) : (
                  <pre className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800">
                    {preview.data.text}
                  </pre>
                )}
              </div>
            ) : null}
            {canEdit && canPreview ? (
              <div className="border-t border-slate-100 pt-4">
                <TestSendForm templateId={templateId} draft={draft} customerId={customer?.id ?? null} hasErrors={hasErrors} />
              </div>
            ) : null}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}

/** What a save did: current, or a draft (and why: its blockers, or saved as one on purpose). */
function SavedNotice({ saved, templateId }: { saved: SavedVersionResponse; templateId: string }) {
  const still = saved.current
    ? `Campaigns and flows keep using version ${saved.current.number}.`
    : "No version is current yet, so nothing can send this template.";
  if (!saved.draft)
    return (
      <Alert tone="success">Saved as version {saved.number}. It is now the current version: new campaigns pin it and flows send it.</Alert>
    );
  if (saved.blockers.length === 0)
    return (
      <Alert tone="info" title={`Saved as version ${saved.number}. It is a draft.`}>
        <p>
          {still} Make it current on the{" "}
          <Link className="font-medium underline" href={`/templates/${templateId}/versions`}>
            Versions page
          </Link>{" "}
          when it is ready.
        </p>
      </Alert>
    );
  return (
    <Alert
      tone="warning"
      title={`Saved as version ${saved.number}. It is a draft: it cannot become the current version until this is fixed.`}
    >
      <ul className="list-disc pl-5">
        {saved.blockers.map((d, i) => (
          <li key={i}>{describeBlocker(d)}</li>
        ))}
      </ul>
      <p className="mt-1">{still}</p>
    </Alert>
  );
}

function PreviewBody({
  preview,
  stale,
  error,
  customer,
  width,
}: {
  preview: { subject: string; preheader: string; html: string } | undefined;
  stale: boolean;
  error: string | null;
  customer: CustomerOption;
  width: PreviewWidth;
}) {
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-sm" aria-label="Rendered headers">
        <dt className="text-slate-500">To</dt>
        <dd className="text-slate-900" data-testid="preview-to">
          {customer.name}
          {customer.email ? ` <${customer.email}>` : ""}
        </dd>
        <dt className="text-slate-500">Subject</dt>
        <dd className="font-medium text-slate-900" data-testid="preview-subject">
          {preview?.subject ?? "…"}
        </dd>
        <dt className="text-slate-500">Preheader</dt>
        <dd className="text-slate-600" data-testid="preview-preheader">
          {preview?.preheader || "—"}
        </dd>
      </dl>
      {error ? (
        <Alert tone="error" title="This draft cannot be rendered yet">
          {error}
        </Alert>
      ) : null}
      {preview && preview.html === "" && !stale ? (
        <p className="rounded-md bg-rose-50 px-4 py-8 text-center text-sm text-rose-700">
          This draft has errors, so it cannot be rendered: fix the ones listed under the editor.
        </p>
      ) : preview ? (
        <PreviewFrame html={preview.html} width={width} stale={stale} />
      ) : (
        <p className="rounded-md bg-slate-50 px-4 py-8 text-center text-sm text-slate-500">Rendering…</p>
      )}
    </div>
  );
}

function DraftLine({
  label,
  name,
  value,
  onChange,
  readOnly,
  diagnostics,
  placeholder,
}: {
  label: string;
  name: "subject" | "preheader";
  value: string;
  onChange: (v: string) => void;
  readOnly: boolean;
  diagnostics: TemplateDiagnostic[];
  placeholder: string;
}) {
  const mine = diagnostics.filter((d) => d.field === name);
  const error = mine.find((d) => d.severity === "error") ?? mine[0];
  return (
    <div>
      <label htmlFor={`template-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`template-${name}`}
        name={name}
        value={value}
        readOnly={readOnly}
        placeholder={placeholder}
        aria-invalid={error?.severity === "error" || undefined}
        onChange={(e) => onChange(e.target.value)}
        className={cn(
          "mt-1 block w-full rounded-md px-3 py-2 font-mono text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600",
          error?.severity === "error" && "ring-rose-400",
        )}
      />
      {error ? (
        <p className={cn("mt-1 text-xs", error.severity === "error" ? "text-rose-600" : "text-amber-700")}>{error.message}</p>
      ) : null}
    </div>
  );
}
