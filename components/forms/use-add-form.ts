"use client";

import { useRouter } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/http/action-result";
import { useActionForm } from "./use-action-form";

/** useActionForm for a form that adds something: once it is saved, the form empties and the page's server data reloads. */
export function useAddForm<S extends z.ZodType, R>(options: {
  schema: S;
  action: (input: unknown) => Promise<ActionResult<R>>;
  /** What else to do with the action's answer (e.g. show a token once). */
  onAdded?: (data: R) => void;
}) {
  const router = useRouter();
  return useActionForm({
    schema: options.schema,
    action: options.action,
    onSuccess: (data, _input, form) => {
      options.onAdded?.(data);
      form.reset();
      router.refresh();
    },
  });
}
