"use client";

import { useState, type FormEvent } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/http/action-result";
import { zodFieldErrors } from "@/lib/http/field-errors";
import { callAction } from "./call-action";

export interface ActionFormState {
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  succeeded: boolean;
}

/**
 * Submits a form's fields to a server action: parses them first with the same zod schema the
 * server uses (instant field errors), then shows the server's `{ error, fieldErrors }` if any.
 */
export function useActionForm<S extends z.ZodType, R>(options: {
  schema: S;
  action: (input: unknown) => Promise<ActionResult<R>>;
  onSuccess?: (data: R, input: z.output<S>, form: HTMLFormElement) => void | Promise<void>;
}) {
  const [state, setState] = useState<ActionFormState>({ pending: false, error: null, fieldErrors: {}, succeeded: false });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = Object.fromEntries([...new FormData(form)].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    const parsed = options.schema.safeParse(values);
    if (!parsed.success) {
      setState({
        pending: false,
        error: "Some fields need fixing; see the messages below them.",
        fieldErrors: zodFieldErrors(parsed.error),
        succeeded: false,
      });
      return;
    }
    setState({ pending: true, error: null, fieldErrors: {}, succeeded: false });
    const result = await callAction(options.action, values);
    if (!result.ok) {
      setState({ pending: false, error: result.error, fieldErrors: result.fieldErrors, succeeded: false });
      return;
    }
    await options.onSuccess?.(result.data, parsed.data as z.output<S>, form);
    setState({ pending: false, error: null, fieldErrors: {}, succeeded: true });
  }

  return { ...state, onSubmit };
}
