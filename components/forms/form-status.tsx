import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { ActionFormState } from "./use-action-form";

/** What became of a form's last submit: the error that stopped it, or `success` once it went through. */
export function FormStatus({ form, success }: { form: Pick<ActionFormState, "error" | "succeeded">; success?: ReactNode }) {
  return (
    <>
      {form.error ? <Alert tone="error">{form.error}</Alert> : null}
      {form.succeeded && success ? <Alert tone="success">{success}</Alert> : null}
    </>
  );
}
