import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { deriveConsentStatus } from "@/lib/consent/derive-consent-status";
import { listConsentTimeline } from "@/lib/consent/list-consent-timeline";
import { listConsentPurposes } from "@/lib/consent/purposes";
import { customerDisplayName } from "@/lib/customers/display-name";
import { getCustomer } from "@/lib/customers/get-customer";
import { customerIdSchema } from "@/lib/customers/schemas";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { subjectReference } from "@/lib/privacy/subject-reference";
import { getSettings } from "@/lib/settings/get-settings";
import { DataRequests } from "./_components/data-requests";
import { RecordConsentForm } from "./_components/record-consent-form";

export const metadata: Metadata = { title: "Consent and privacy" };

type Props = { params: Promise<{ id: string }> };

const tone: Record<string, BadgeTone> = { granted: "success", denied: "danger", withdrawn: "warning" };
const sourceLabel: Record<string, string> = {
  import: "Import",
  tracking_api: "Tracking API",
  preference_centre: "Preference centre",
  unsubscribe_link: "Unsubscribe link",
  admin: "Admin",
};

export default async function CustomerPrivacyPage({ params }: Props) {
  await requireRole("admin");
  const id = customerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const customer = await getCustomer({ id: id.data }).catch(notFoundOnAppError);
  const [purposes, timeline, { timeZone }] = await Promise.all([
    listConsentPurposes(),
    listConsentTimeline({ customerId: customer.id }),
    getSettings(),
  ]);
  const name = customerDisplayName({ ...customer, externalId: customer.identities.find((i) => i.type === "external_id")?.value });
  const erased = customer.erasedAt !== null;
  const current = purposes.map((p) => {
    const derived = deriveConsentStatus({ history: timeline.filter((t) => t.purpose === p.key), defaultRule: p.defaultRule });
    // An erased person is used for nothing, whatever their records or the default say.
    return { purpose: p, ...derived, allowed: derived.allowed && !erased };
  });

  return (
    <>
      <PageHeader
        back={{ href: "/privacy", label: "Privacy" }}
        title={`Consent: ${name}`}
        actions={erased ? <Badge tone="danger">Erased</Badge> : undefined}
        description={
          <>
            Customer #{customer.id}
            {customer.email ? ` · ${customer.email}` : ""} ·{" "}
            <Link href={`/customers/${customer.id}`} className="text-indigo-700 hover:underline">
              profile
            </Link>
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="min-w-0 space-y-6 xl:col-span-2">
          <Card>
            <CardHeader
              title="Current status"
              description="Derived from the history below; without a record the purpose's default applies."
            />
            <ul className="divide-y divide-slate-100 text-sm">
              {current.map((c) => (
                <li key={c.purpose.key} className="flex items-center justify-between gap-3 px-5 py-3">
                  <div>
                    <p className="font-medium text-slate-900">{c.purpose.label}</p>
                    <p className="text-xs text-slate-600">
                      {erased
                        ? "Erased: nothing may be sent to this person or done with their data."
                        : c.basis === "record"
                          ? `Since ${formatDateTime(c.since, timeZone)}`
                          : `No record: default ${c.purpose.defaultRule === "opt_in" ? "opt-in (not allowed until granted)" : "opt-out (allowed unless objected)"}`}
                    </p>
                  </div>
                  <Badge tone={c.allowed ? "success" : "danger"}>{erased ? "Erased" : c.allowed ? "Allowed" : "Not allowed"}</Badge>
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <CardHeader
              title="Consent timeline"
              description="Every grant, denial and withdrawal, newest first. Records are never edited; erasure only removes their proof."
            />
            {timeline.length === 0 ? (
              <CardBody>
                <p className="text-sm text-slate-600">
                  No consent recorded yet. Record one on the right, or import consent records on Imports → Consent.
                </p>
              </CardBody>
            ) : (
              <ol className="divide-y divide-slate-100 text-sm" aria-label="Consent timeline">
                {timeline.map((t) => {
                  const proof = (t.proof ?? {}) as Record<string, unknown>;
                  return (
                    <li key={String(t.id)} className="px-5 py-3">
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge tone={tone[t.status]}>{t.status}</Badge>
                        <span className="font-medium text-slate-900">{purposes.find((p) => p.key === t.purpose)?.label ?? t.purpose}</span>
                        <span className="text-slate-500">
                          · {sourceLabel[t.source] ?? t.source} · {formatDateTime(t.occurredAt, timeZone)}
                          {t.recordedBy ? ` · by ${t.recordedBy.email}` : ""}
                        </span>
                      </div>
                      {Object.keys(proof).length ? (
                        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs text-slate-600">
                          {Object.entries(proof).map(([k, v]) => (
                            <div key={k} className="contents">
                              <dt className="text-slate-600">{k === "userAgent" ? "user agent" : k}</dt>
                              <dd className="break-all">{String(v)}</dd>
                            </div>
                          ))}
                        </dl>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            )}
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          {erased ? (
            <Card>
              <CardHeader title="Erased" description={`On ${formatDateTime(customer.erasedAt, timeZone)}`} />
              <CardBody>
                <p className="text-sm text-slate-700" data-testid="erased-notice">
                  This person&apos;s personal data was erased. Nothing is left to export, erase or record: the consent history above stays
                  as proof (without its details), and their address stays on the suppression list only as a one-way hash. The request is
                  filed under reference <span className="font-mono">{subjectReference(customer.id)}</span> on the Privacy page.
                </p>
              </CardBody>
            </Card>
          ) : (
            <>
              <Card>
                <CardHeader
                  title="Record a change"
                  description="For a request made by phone, letter or in person. The reason is kept with the record."
                />
                <RecordConsentForm customerId={customer.id} purposes={purposes.map((p) => ({ key: p.key, label: p.label }))} />
              </Card>
              <DataRequests customerId={customer.id} />
            </>
          )}
        </div>
      </div>
    </>
  );
}
