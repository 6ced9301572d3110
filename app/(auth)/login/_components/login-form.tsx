"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { signInSchema } from "@/lib/auth/schemas";
import { zodFieldErrors } from "@/lib/http/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

interface LoginFormProps {
  callbackUrl: string;
  signedOut: boolean;
  configProblem: string | null;
}

const wrongCredentials =
  "The email or the password is wrong. Check both (passwords are case-sensitive) and try again; if you forgot your password, ask an admin of this Tailor installation.";

export function LoginForm({ callbackUrl, signedOut, configProblem }: LoginFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setError(null);
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(result?.error === "CredentialsSignin" || !result?.error ? wrongCredentials : `Signing in failed: ${result.error}`);
    } catch {
      setError("Tailor's server did not answer. Check that it is running (npm start), then try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {configProblem ? (
        <Alert tone="error" title="Sign-in is not configured">
          {configProblem}
        </Alert>
      ) : null}
      {signedOut && !error ? <Alert tone="success">You are signed out.</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Email" name="email" error={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="username" required autoFocus invalid={!!fieldErrors.email} />
      </Field>
      <Field label="Password" name="password" error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="current-password" required invalid={!!fieldErrors.password} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
