"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { DateOrder, ImportKind } from "@/lib/imports/format-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { MAX_UPLOAD_BYTES, type SavedMapping, type UploadPreview } from "@/lib/imports/uploads/schemas";
import { postJson, uploadFile } from "@/lib/imports/uploads/upload-file";
import { ImportProgress } from "./import-progress";
import { kindOptions } from "./kind-options";
import { MappingStep, type MappingState } from "./mapping-step";
import { PreviewTable } from "./preview-table";

type Step =
  | { name: "choose" }
  | { name: "uploading"; fileName: string }
  | { name: "configure"; preview: UploadPreview }
  | { name: "processing"; id: string };

const formatBytes = (n: number) => (n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Kinds whose rows decide who may be emailed: importing them needs a confirmation that says so. */
const consentKinds: Partial<Record<ImportKind, string>> = {
  consent:
    "These records change who may be emailed: a grant of email marketing makes the person mailable from its date, a withdrawal or denial stops emails to them.",
  suppressions: "Every valid address in this file will never be emailed again by any campaign or flow, whatever their consent says.",
};

/** Upload → (map the columns) → watch the worker → result: the whole upload page. `initialKind`: the kind a page sent the user here for. */
export function UploadWizard({ initialKind }: { initialKind?: ImportKind }) {
  const [step, setStep] = useState<Step>({ name: "choose" });
  const [uploadPercent, setUploadPercent] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [kind, setKind] = useState<ImportKind>(initialKind ?? "csv");
  const [dryRun, setDryRun] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [dateOrder, setDateOrder] = useState<DateOrder>("auto");
  const [mapping, setMapping] = useState<MappingState>({
    target: "customers",
    source: "csv",
    columns: {},
    saveAs: "",
    consentWithoutDate: "granted_now",
  });
  const [starting, setStarting] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const saved = useQuery({ queryKey: ["import-mappings"], queryFn: () => fetchJson<{ items: SavedMapping[] }>("/api/v1/import-mappings") });

  async function send(file: File) {
    setError(null);
    if (file.size > MAX_UPLOAD_BYTES)
      return setError(
        `"${file.name}" is ${formatBytes(file.size)}: the upload page takes files up to 1 GB. Import larger files with the command line.`,
      );
    if (file.size === 0) return setError(`"${file.name}" is empty: choose the exported file again.`);
    abort.current = new AbortController();
    setUploadPercent(0);
    setStep({ name: "uploading", fileName: file.name });
    try {
      const preview = await uploadFile({ file, onProgress: setUploadPercent, signal: abort.current.signal });
      setUploadPercent(100);
      setKind(initialKind ?? preview.detectedKind ?? (preview.kind === "zip" ? "mailchimp" : "csv"));
      setDryRun(false);
      setConfirmed(false);
      setDateOrder("auto");
      setMapping({
        target: "customers",
        source: "csv",
        columns: preview.suggestions.customers,
        saveAs: "",
        consentWithoutDate: "granted_now",
      });
      setStep({ name: "configure", preview });
    } catch (e) {
      setStep({ name: "choose" });
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function start(preview: UploadPreview) {
    setError(null);
    setStarting(true);
    try {
      const body = {
        uploadId: preview.uploadId,
        kind,
        dateOrder,
        dryRun,
        ...(kind === "csv"
          ? {
              mapping: {
                target: mapping.target,
                source: mapping.source,
                columns: mapping.columns,
                consentWithoutDate: mapping.consentWithoutDate,
              },
              saveMappingAs: mapping.saveAs || undefined,
            }
          : {}),
      };
      const { id } = await postJson<{ id: string }>("/api/v1/imports", body);
      setStep({ name: "processing", id });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  }

  const reset = () => {
    setError(null);
    setStep({ name: "choose" });
  };

  return (
    <div className="space-y-6">
      {error ? (
        <Alert tone="error" title="That did not work">
          {error}
        </Alert>
      ) : null}
      {step.name === "choose" ? (
        <Card>
          <CardBody>
            <label
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                const file = e.dataTransfer.files[0];
                if (file) void send(file);
              }}
              className={`flex cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed px-6 py-14 text-center transition ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 hover:border-indigo-400"}`}
            >
              <span className="text-base font-semibold text-slate-900">Drop a file here, or click to choose one</span>
              <span className="mt-2 max-w-lg text-sm text-slate-500">
                CSV exports from Shopify, Mailchimp (the ZIP too) or any other tool, up to 1 GB, as they are: UTF-8 or Latin-1, commas,
                semicolons or tabs.
              </span>
              <input
                type="file"
                name="file"
                aria-label="File to import"
                className="sr-only"
                accept=".csv,.txt,.tsv,.zip,text/csv,application/zip"
                onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])}
              />
            </label>
          </CardBody>
        </Card>
      ) : null}

      {step.name !== "choose" ? (
        <Card>
          <CardHeader
            title="1. Upload"
            description={step.name === "uploading" ? `Sending ${step.fileName}…` : "The file is on the server."}
          />
          <CardBody className="space-y-3">
            <ProgressBar value={step.name === "uploading" ? uploadPercent : 100} label="Upload progress" />
            {step.name === "uploading" ? (
              <Button variant="secondary" onClick={() => abort.current?.abort()}>
                Cancel upload
              </Button>
            ) : null}
          </CardBody>
        </Card>
      ) : null}

      {step.name === "configure" ? (
        <Card>
          <CardHeader
            title="2. What is in the file"
            description={`${step.preview.fileName} · ${formatBytes(step.preview.size)}${step.preview.kind === "csv" ? ` · ${step.preview.encoding === "latin1" ? "Latin-1" : "UTF-8"}, separated by ${step.preview.delimiter === "\t" ? "tabs" : step.preview.delimiter === ";" ? "semicolons" : "commas"}` : " · ZIP archive"}`}
          />
          <CardBody className="space-y-5">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Kind of file" name="kind" hint={kindOptions.find((k) => k.kind === kind)?.hint}>
                <Select
                  name="kind"
                  value={kind}
                  onChange={(e) => {
                    setKind(e.target.value as ImportKind);
                    setConfirmed(false);
                  }}
                >
                  {kindOptions.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {k.label}
                      {step.preview.detectedKind === k.kind ? " (recognised)" : ""}
                    </option>
                  ))}
                </Select>
              </Field>
              <DateOrderField preview={step.preview} kind={kind} mapping={mapping} value={dateOrder} onChange={setDateOrder} />
            </div>
            {kind === "csv" ? (
              <MappingStep preview={step.preview} state={mapping} onChange={setMapping} saved={saved.data?.items ?? []} />
            ) : (
              <FilePreview preview={step.preview} />
            )}
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" className="mt-0.5" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
              <span>Check only: read and count every row, list the rejected ones, and save nothing.</span>
            </label>
            {consentKinds[kind] && !dryRun ? (
              <Alert tone="warning" title="This import changes who may be emailed">
                <p>{consentKinds[kind]}</p>
                <label className="mt-2 flex items-start gap-2">
                  <input type="checkbox" className="mt-0.5" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                  <span>I have checked the file and want to apply it.</span>
                </label>
              </Alert>
            ) : null}
            <div className="flex gap-2">
              <Button
                onClick={() => void start(step.preview)}
                disabled={
                  starting ||
                  (dateOrder === "auto" && dateColumns(step.preview, kind, mapping).ambiguous.length > 0) ||
                  (Boolean(consentKinds[kind]) && !dryRun && !confirmed)
                }
              >
                {starting ? "Starting…" : dryRun ? "Check the file" : "Start import"}
              </Button>
              <Button variant="ghost" onClick={reset}>
                Choose another file
              </Button>
            </div>
          </CardBody>
        </Card>
      ) : null}

      {step.name === "processing" ? (
        <Card>
          <CardHeader
            title="2. Processing"
            description="The worker reads, checks and saves the rows. You can leave this page: the import goes on and is listed on Imports."
          />
          <CardBody>
            <ImportProgress id={step.id} onAnother={reset} />
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}

/** Date-like columns that matter for the chosen kind (mapped ones for a CSV), and those that read both ways. */
function dateColumns(preview: UploadPreview, kind: ImportKind, mapping: MappingState) {
  const relevant = preview.dates.filter((d) => kind !== "csv" || (mapping.columns[d.column] ?? "") !== "");
  return { relevant, ambiguous: relevant.filter((d) => d.order === null) };
}

function DateOrderField({
  preview,
  kind,
  mapping,
  value,
  onChange,
}: {
  preview: UploadPreview;
  kind: ImportKind;
  mapping: MappingState;
  value: DateOrder;
  onChange: (v: DateOrder) => void;
}) {
  const { relevant, ambiguous } = dateColumns(preview, kind, mapping);
  if (relevant.length === 0) return null;
  return (
    <Field
      label="Date order"
      name="dateOrder"
      error={
        ambiguous.length > 0 && value === "auto"
          ? `Column "${ambiguous[0]!.column}" has dates like ${ambiguous[0]!.example ?? "03/04/2024"} that read both ways: choose the order.`
          : undefined
      }
      hint={
        ambiguous.length === 0
          ? `Detected: ${relevant.map((d) => `${d.column} ${d.order === "us" ? "M/D/YYYY" : d.order === "eu" ? "D/M/YYYY" : "ISO"}`).join(", ")}`
          : undefined
      }
    >
      <Select
        name="dateOrder"
        invalid={ambiguous.length > 0 && value === "auto"}
        value={value}
        onChange={(e) => onChange(e.target.value as DateOrder)}
      >
        <option value="auto">Detect from the file</option>
        <option value="us">US: month/day/year (12/31/2024)</option>
        <option value="eu">European: day/month/year (31/12/2024)</option>
      </Select>
    </Field>
  );
}

function FilePreview({ preview }: { preview: UploadPreview }) {
  if (preview.kind === "zip")
    return <p className="text-sm text-slate-600">A ZIP archive: Tailor reads its subscribed, unsubscribed and cleaned member files.</p>;
  return (
    <PreviewTable
      label="First rows of the file"
      header={preview.header}
      rows={preview.rows}
      headerCell={(h) => (
        <th key={h} className="px-3 py-2 font-semibold whitespace-nowrap">
          {h}
        </th>
      )}
    />
  );
}
