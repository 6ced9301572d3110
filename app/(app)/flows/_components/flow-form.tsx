"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { z } from "zod";
import { callAction } from "@/components/forms/call-action";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/http/action-result";
import { failureText } from "./field-errors";

interface Failure {
  error: string;
  /** Messages by field path ("trigger.event", "exitOn.0.where.1.key", "step.wait-1.duration.amount"). */
  fieldErrors: Record<string, string>;
  /** It named fields: once they are all fixed, the summary goes too. */
  named: boolean;
}

const SUMMARY = "Some fields need fixing; see the messages beside them.";

/** Keys the action's input wraps the form's fields in ("settings.name" in the settings action). */
const withoutWrapper = (path: string) => path.replace(/^(settings|input)\./, "");

const under = (key: string, path: string) => key === path || key.startsWith(`${path}.`);

/**
 * A flow form's errors and saving state (create flow, settings editor, steps editor): each field's
 * message beside the field (zod issue paths), cleared when that field is edited, and a summary at
 * the top. `paths` renames server and zod paths to the form's own (the steps editor names steps by id).
 */
export function useFlowForm(options: { paths?: (path: string) => string } = {}) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const rename = (path: string) => (options.paths ?? withoutWrapper)(path);
  const fail = (error: string, fieldErrors: Record<string, string> = {}) => {
    const named: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldErrors)) named[rename(path)] ??= message;
    setFailure({ error, fieldErrors: named, named: Object.keys(named).length > 0 });
  };
  const fieldErrors = failure?.fieldErrors ?? {};
  const remaining = Object.keys(fieldErrors).length;
  const summary = !failure ? null : remaining ? failureText(failure) : failure.named ? null : failure.error;
  return {
    pending,
    setPending,
    summary,
    fieldErrors,
    fail,
    /** The message of a field (or of the first field under it). */
    errorAt: (path: string) => Object.entries(fieldErrors).find(([key]) => under(key, path))?.[1],
    /** The field was edited: its message (and those of fields under it) go. */
    clear: (path: string) =>
      setFailure((f) =>
        f && Object.keys(f.fieldErrors).some((key) => under(key, path))
          ? { ...f, fieldErrors: Object.fromEntries(Object.entries(f.fieldErrors).filter(([key]) => !under(key, path))) }
          : f,
      ),
    /** Checks the input with the schema the server uses, naming each field at once; the parsed value, or null. */
    check<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.output<S> | null {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      fail(
        SUMMARY,
        Object.fromEntries(parsed.error.issues.map((i) => [[prefix, ...i.path.map(String)].filter(Boolean).join("."), i.message])),
      );
      return null;
    },
    /** Calls the action: on failure its messages are shown (per field where it names them); true once it succeeded. */
    async submit<R>(action: (input: unknown) => Promise<ActionResult<R>>, input: unknown, onDone: (data: R) => void): Promise<boolean> {
      setPending(true);
      setFailure(null);
      const result = await callAction(action, input);
      setPending(false);
      if (!result.ok) {
        fail(result.error, result.fieldErrors);
        return false;
      }
      onDone(result.data);
      return true;
    },
  };
}

export type FlowForm = ReturnType<typeof useFlowForm>;

const FormContext = createContext<Pick<FlowForm, "errorAt" | "clear"> | null>(null);
const PrefixContext = createContext("");

/** The form's errors for the fields inside, and where their paths start (a step: `step.<id>`). */
export function FlowFormFields({ form, prefix = "", children }: { form?: FlowForm; prefix?: string; children: ReactNode }) {
  const parent = useContext(PrefixContext);
  const path = [parent, prefix].filter(Boolean).join(".");
  const inner = <PrefixContext.Provider value={path}>{children}</PrefixContext.Provider>;
  return form ? <FormContext.Provider value={form}>{inner}</FormContext.Provider> : inner;
}

/** The summary at the top of a flow form. */
export function FlowFormSummary({ form }: { form: FlowForm }) {
  return form.summary ? <Alert tone="error">{form.summary}</Alert> : null;
}

/**
 * A field (or group of fields) of a flow form at `path`: its error message beside it, gone as soon as
 * a control inside changes.
 */
export function FieldSlot({ path, className, children }: { path: string; className?: string; children: ReactNode }) {
  const form = useContext(FormContext);
  const prefix = useContext(PrefixContext);
  const full = [prefix, path].filter(Boolean).join(".");
  const message = form?.errorAt(full);
  return (
    <div className={className} onChange={message ? () => form?.clear(full) : undefined}>
      {children}
      {message ? (
        <p className="mt-1 text-xs text-rose-600" data-field-error={full}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * An editor's save: through the action, then the page's data refreshed and the editor closed; on
 * failure the editor stays open with the messages. `settle` closes the confirmation either way.
 */
export function useSaveAndClose(form: FlowForm, onDone: () => void) {
  const router = useRouter();
  return async <R,>(action: (input: unknown) => Promise<ActionResult<R>>, input: unknown, settle: () => void) => {
    await form.submit(action, input, () => {
      router.refresh();
      onDone();
    });
    settle();
  };
}
