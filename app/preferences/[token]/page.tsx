import type { Metadata } from "next";
import { getPreferences } from "@/lib/consent/get-preferences";
import { getSettings } from "@/lib/settings/get-settings";
import { PreferencesForm } from "./_components/preferences-form";

export const metadata: Metadata = { title: "Your email preferences", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

/** The public preference centre behind every unsubscribe link (no login: the signed link is the key). */
export default async function PreferencesPage({ params }: Props) {
  const { token } = await params;
  const [view, settings] = await Promise.all([getPreferences({ token: decodeURIComponent(token) }), getSettings()]);
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-16">
      <div className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-medium text-indigo-600">{settings.organisationName}</p>
        {view.state === "invalid" ? (
          <>
            <h1 className="mt-2 text-xl font-semibold text-slate-900">This link does not work</h1>
            <p className="mt-3 text-sm text-slate-600">
              The link is incomplete or was changed, so we cannot tell whose preferences to show, and nothing was changed. Open the
              “Unsubscribe” link again from one of our emails (copy the whole link if you paste it), or reply to the email and ask to be
              removed.
            </p>
          </>
        ) : view.state === "test" ? (
          <>
            <h1 className="mt-2 text-xl font-semibold text-slate-900">This was a test email</h1>
            <p className="mt-3 text-sm text-slate-600">
              Nothing changed. A test email shows a customer&apos;s data to a colleague, so its links never change anyone&apos;s
              preferences: the customer&apos;s real emails carry their own link.
            </p>
          </>
        ) : view.state === "gone" ? (
          <>
            <h1 className="mt-2 text-xl font-semibold text-slate-900">We hold no data about you any more</h1>
            <p className="mt-3 text-sm text-slate-600">
              Your data was erased, and we will send you no marketing email. There is nothing to change.
            </p>
          </>
        ) : (
          <>
            <h1 className="mt-2 text-xl font-semibold text-slate-900">Your email preferences</h1>
            <p className="mt-2 text-sm text-slate-600">
              {view.maskedEmail ? <>For {view.maskedEmail}. </> : null}Choose what we may do; your choice applies at once.
            </p>
            <PreferencesForm
              token={decodeURIComponent(token)}
              purposes={view.preferences.map((p) => ({
                key: p.purpose.key,
                label: p.purpose.label,
                description: p.purpose.publicDescription,
                allowed: p.allowed,
              }))}
            />
          </>
        )}
      </div>
    </main>
  );
}
