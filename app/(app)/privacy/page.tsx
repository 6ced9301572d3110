import type { Metadata } from "next";
import Link from "next/link";
import { ConsentChart } from "@/components/charts/consent-chart";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses, LinkButton } from "@/components/ui/button";
import { requireRole } from "@/lib/auth/require-role.server";
import { countConsentByMonth, countCurrentConsent } from "@/lib/consent/count-consent-by-month";
import { listConsentPurposes } from "@/lib/consent/purposes";
import { customerDisplayName } from "@/lib/customers/display-name";
import { listCustomers } from "@/lib/customers/list-customers";
import { listDataSubjectRequests } from "@/lib/privacy/list-data-subject-requests";
import { requesterLabels } from "@/lib/privacy/schemas";
import { formatDateTime } from "@/components/format";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { getSettings } from "@/lib/settings/get-settings";
import { AddPurposeForm } from "./_components/add-purpose-form";
import { PurposeDefaultSelect } from "./_components/purpose-default-select";

export const metadata: Metadata = { title: "Privacy" };

type Props = { searchParams: Promise<RawSearchParams> };

export default async function PrivacyPage({ searchParams }: Props) {
  await requireRole("admin");
  const params = firstValues(await searchParams);
  const q = (params.q ?? "").trim().slice(0, 200);
  const [purposes, settings] = await Promise.all([listConsentPurposes(), getSettings()]);
  const selected = purposes.find((p) => p.key === params.purpose) ?? purposes[0]!;
  const [totals, months, found, requests] = await Promise.all([
    countCurrentConsent({ purposes: purposes.map((p) => p.key) }),
    countConsentByMonth({ purpose: selected.key, timeZone: settings.timeZone }),
    q ? listCustomers({ query: { q, sort: "name", page: 1 }, pageSize: 10 }) : null,
    listDataSubjectRequests(),
  ]);

  return (
    <>
      <PageHeader
        title="Privacy"
        description="Consent per purpose, the suppression list and data subject requests. Every change here is audit-logged."
        actions={
          <LinkButton href="/privacy/suppressions" variant="secondary">
            Suppression list
          </LinkButton>
        }
      />
      {params.erased && /^dsr_[0-9a-f]{16}$/.test(params.erased) ? (
        <div className="mb-6">
          <Alert tone="success" title="Erased">
            The person’s data is gone. The request is filed under reference <code>{params.erased}</code>; give it to them if they ask for
            proof.
          </Alert>
        </div>
      ) : null}
      <Card className="mb-6">
        <CardHeader title="Find a person" description="See their consent timeline, record a change, export or erase their data." />
        <CardBody>
          <form method="get" className="flex gap-2">
            <input
              name="q"
              defaultValue={q}
              aria-label="Name, email or customer number"
              placeholder="Name, email or customer number"
              className="block w-full max-w-md rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
            />
            <button className={buttonClasses("primary")}>Find</button>
          </form>
          {found ? (
            found.rows.length === 0 ? (
              <p className="mt-3 text-sm text-slate-600">Nobody matches “{q}”. Try part of the email address or the customer number.</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm">
                {found.rows.map((c) => (
                  <li key={c.id}>
                    <Link href={`/privacy/customers/${c.id}`} className="flex justify-between gap-3 px-4 py-2 hover:bg-slate-50">
                      <span className="font-medium text-indigo-700">{customerDisplayName(c)}</span>
                      <span className="text-slate-500">
                        {c.email ?? "no email"} · #{c.id}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </CardBody>
      </Card>

      <Card className="mb-6">
        <CardHeader
          title="Purposes"
          description="What Tailor may do with each person. The default applies to everyone without a record for that purpose."
        />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-5 py-2">Purpose</th>
                <th className="px-5 py-2">Without a record</th>
                <th className="px-5 py-2 text-right">Granted</th>
                <th className="px-5 py-2 text-right">Denied</th>
                <th className="px-5 py-2 text-right">Withdrawn</th>
                <th className="px-5 py-2 text-right">No record</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {purposes.map((p) => {
                const t = totals.find((x) => x.purpose === p.key);
                return (
                  <tr key={p.key}>
                    <td className="px-5 py-3">
                      <p className="font-medium text-slate-900">{p.label}</p>
                      <p className="text-xs text-slate-500">
                        <code>{p.key}</code> {p.description ? `· ${p.description}` : ""}
                      </p>
                    </td>
                    <td className="px-5 py-3">
                      <PurposeDefaultSelect purposeKey={p.key} label={p.label} value={p.defaultRule} />
                    </td>
                    <td className="px-5 py-3 text-right tabular-nums">{formatNumber(t?.granted ?? 0)}</td>
                    <td className="px-5 py-3 text-right tabular-nums">{formatNumber(t?.denied ?? 0)}</td>
                    <td className="px-5 py-3 text-right tabular-nums">{formatNumber(t?.withdrawn ?? 0)}</td>
                    <td className="px-5 py-3 text-right tabular-nums">{formatNumber(t?.noRecord ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <CardBody className="border-t border-slate-100">
          <AddPurposeForm />
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title={`Consent changes per month: ${selected.label}`}
          description="Records of grants, denials and withdrawals by the month they happened (your time zone), last 24 months."
          action={
            <nav className="flex gap-2 text-sm" aria-label="Purpose">
              {purposes.map((p) => (
                <Link
                  key={p.key}
                  href={`/privacy?purpose=${p.key}`}
                  aria-current={p.key === selected.key ? "true" : undefined}
                  className={p.key === selected.key ? "font-semibold text-indigo-700" : "text-slate-600 hover:underline"}
                >
                  {p.label}
                </Link>
              ))}
            </nav>
          }
        />
        <CardBody>
          {months.every((m) => m.granted + m.denied + m.withdrawn === 0) ? (
            <p className="py-8 text-center text-sm text-slate-600">
              No consent was recorded for {selected.label.toLowerCase()} in the last 24 months. Import consent with your customer files or
              on{" "}
              <Link href="/imports/consent" className="text-indigo-700 underline">
                Imports → Consent
              </Link>
              .
            </p>
          ) : (
            <ConsentChart data={months} purposeLabel={selected.label} />
          )}
        </CardBody>
      </Card>

      <Card className="mt-6">
        <CardHeader
          title="Data subject requests"
          description="Exports and erasures, filed under a pseudonymous reference (never the person's identifiers). Latest 20."
        />
        {requests.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-600">None yet. Find a person above to export their data or erase them.</p>
          </CardBody>
        ) : (
          <table className="min-w-full text-sm" aria-label="Data subject requests">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-5 py-2">When</th>
                <th className="px-5 py-2">Request</th>
                <th className="px-5 py-2">Reference</th>
                <th className="px-5 py-2">Asked by</th>
                <th className="px-5 py-2">Carried out by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {requests.map((r) => (
                <tr key={r.id}>
                  <td className="px-5 py-2 text-slate-600">{formatDateTime(r.createdAt, settings.timeZone)}</td>
                  <td className="px-5 py-2">{r.kind === "erasure" ? "Erasure" : "Export"}</td>
                  <td className="px-5 py-2 font-mono text-xs">{r.subjectRef}</td>
                  <td className="px-5 py-2">{requesterLabels[r.requestedBy as keyof typeof requesterLabels] ?? r.requestedBy}</td>
                  <td className="px-5 py-2">{r.performedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
