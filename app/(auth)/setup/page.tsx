import type { Metadata } from "next";
import { connection } from "next/server";
import { LinkButton } from "@/components/ui/button";
import { countUsers } from "@/lib/users/count-users";
import { SetupForm } from "./_components/setup-form";

export const metadata: Metadata = { title: "Set up Tailor" };

/** First run: create the first admin. Closed as soon as any user exists. */
export default async function SetupPage() {
  await connection();
  if ((await countUsers()) > 0) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">Tailor is already set up</h1>
        <p className="mt-2 text-sm text-slate-600">
          The first admin exists, so this page is closed. Sign in with your account; if you need one, ask an admin of this installation.
        </p>
        <LinkButton href="/login" className="mt-6 w-full">
          Go to sign in
        </LinkButton>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome to Tailor</h1>
      <p className="mt-1 text-sm text-slate-500">
        There are no users yet. Create the first admin account; you can add marketers and viewers later.
      </p>
      <div className="mt-6">
        <SetupForm />
      </div>
    </>
  );
}
