"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { callAction } from "./call-action";

export interface CsvUploadReport {
  summary: string;
  rejected: { row: number; field: string; reason: string }[];
}

/** Reads a CSV file in the browser and sends its text to a server action; shows the report and each rejected row. */
export function CsvUploadForm({
  action,
  label,
  hint,
  allowDryRun = false,
}: {
  action: (input: unknown) => Promise<ActionResult<CsvUploadReport>>;
  label: string;
  hint: string;
  allowDryRun?: boolean;
}) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ pending: boolean; error: string | null; report: CsvUploadReport | null }>({
    pending: false,
    error: null,
    report: null,
  });

  async function submit(dryRun: boolean) {
    if (!file) return setState({ pending: false, error: "Choose a CSV file first.", report: null });
    if (file.size > 900_000)
      return setState({
        pending: false,
        error: `${file.name} is ${Math.round(file.size / 1024)} KB; this form takes up to 900 KB. Split the file and upload the parts.`,
        report: null,
      });
    setState({ pending: true, error: null, report: null });
    const result = await callAction(action, { csv: await file.text(), dryRun });
    if (!result.ok) return setState({ pending: false, error: result.error, report: null });
    setState({ pending: false, error: null, report: result.data });
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor="csv-file" className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="mt-1.5 block text-sm"
        />
        <p className="mt-1.5 text-xs text-slate-500">{hint}</p>
      </div>
      <div className="flex gap-2">
        <Button type="button" disabled={state.pending} onClick={() => void submit(false)}>
          {state.pending ? "Importing…" : "Import"}
        </Button>
        {allowDryRun ? (
          <Button type="button" variant="secondary" disabled={state.pending} onClick={() => void submit(true)}>
            Check only (dry run)
          </Button>
        ) : null}
      </div>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.report ? (
        <Alert tone={state.report.rejected.length ? "warning" : "success"} title={state.report.summary}>
          {state.report.rejected.length ? (
            <ul className="mt-1 max-h-64 list-disc space-y-0.5 overflow-y-auto pl-5">
              {state.report.rejected.slice(0, 200).map((r) => (
                <li key={`${r.row}-${r.field}`}>
                  Row {r.row}, {r.field}: {r.reason}
                </li>
              ))}
              {state.report.rejected.length > 200 ? <li>… and {state.report.rejected.length - 200} more.</li> : null}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}
