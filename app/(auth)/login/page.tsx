import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAuthOptions } from "@/lib/auth/auth-options.server";
import { getSessionUser } from "@/lib/auth/get-session-user.server";
import { isAppError } from "@/lib/errors";
import { safeCallbackUrl } from "@/lib/http/request-url";
import { firstValues } from "@/lib/http/search-params";
import { countUsers } from "@/lib/users/count-users";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = firstValues(await searchParams);
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if ((await countUsers()) === 0) redirect("/setup");
  if (await getSessionUser().catch(() => null)) redirect(callbackUrl);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">Use the email and password of your Tailor account.</p>
      <div className="mt-6">
        <LoginForm
          callbackUrl={callbackUrl}
          signedOut={params.signedOut === "1"}
          configProblem={authConfigProblem() ?? (params.error ? urlErrorMessage(params.error) : null)}
        />
      </div>
    </>
  );
}

/** A message when sign-in cannot work on this server (e.g. NEXTAUTH_SECRET missing in production). */
function authConfigProblem(): string | null {
  try {
    getAuthOptions();
    return null;
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}

/** NextAuth sends its own errors to /login?error=…; say what they mean. */
function urlErrorMessage(code: string): string {
  if (code === "Configuration") return "Sign-in is misconfigured on the server: check NEXTAUTH_SECRET and the server log.";
  if (code === "SessionRequired") return "Sign in to see that page.";
  return "Signing in did not work. Try again; if it keeps happening, check the server log.";
}
