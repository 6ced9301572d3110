import type { Metadata } from "next";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { buttonClasses, LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireRole } from "@/lib/auth/require-role.server";
import { listSuppressions } from "@/lib/consent/list-suppressions";
import { pageSchema } from "@/lib/http/pagination";
import { firstValues, toQueryString, type RawSearchParams } from "@/lib/http/search-params";
import { getSettings } from "@/lib/settings/get-settings";
import { AddSuppressionForm } from "./_components/add-suppression-form";

export const metadata: Metadata = { title: "Suppression list" };

type Props = { searchParams: Promise<RawSearchParams> };

export default async function SuppressionsPage({ searchParams }: Props) {
  await requireRole("admin");
  const params = firstValues(await searchParams);
  const page = pageSchema.parse(params.page);
  const q = (params.q ?? "").slice(0, 200);
  const [{ rows, page: info }, { timeZone }] = await Promise.all([listSuppressions({ page, q }), getSettings()]);
  return (
    <>
      <PageHeader
        back={{ href: "/privacy", label: "Privacy" }}
        title="Suppression list"
        description="No email is ever sent to these addresses, whatever the consent. Erased people appear only as a one-way hash."
        actions={
          <a href="/api/v1/suppressions/export" className={buttonClasses("secondary")}>
            Export CSV
          </a>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="min-w-0 xl:col-span-2">
          <CardHeader
            title={`${info.total.toLocaleString("en")} suppressed`}
            action={
              <form method="get">
                <input
                  name="q"
                  defaultValue={q}
                  placeholder="Search an address"
                  aria-label="Search an address"
                  className="rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-slate-300 ring-inset"
                />
              </form>
            }
          />
          {rows.length === 0 ? (
            <EmptyState title={q ? `No suppressed address contains “${q}”` : "Nobody is suppressed yet"}>
              <p>
                Addresses land here when people unsubscribe, bounce, complain or are erased. Add one by hand or import a list from your
                previous email tool.
              </p>
            </EmptyState>
          ) : (
            <DataTable columns={["Address", "Reason", "Source", "Since"]}>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-5 py-2">{r.email ?? <span className="text-slate-600 italic">erased (hash only)</span>}</td>
                  <td className="px-5 py-2">
                    <Badge tone={r.reason === "erased" ? "neutral" : r.reason === "unsubscribed" ? "warning" : "danger"}>
                      {r.reason.replace("_", " ")}
                    </Badge>
                  </td>
                  <td className="px-5 py-2 text-slate-600">
                    {r.source.replace(/_/g, " ")}
                    {r.note ? ` · ${r.note}` : ""}
                  </td>
                  <td className="px-5 py-2 text-slate-600">{formatDateTime(r.createdAt, timeZone)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination
            {...info}
            noun="addresses"
            hrefFor={(p) => `/privacy/suppressions${toQueryString({ q, page: p > 1 ? p : undefined })}`}
          />
        </Card>
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Add an address" />
            <AddSuppressionForm />
          </Card>
          <Card>
            <CardHeader title="Import a list" />
            <CardBody>
              <p className="mb-3 text-sm text-slate-600">
                A CSV with an <code>email</code> column, and optionally <code>reason</code> (unsubscribed, hard_bounce, complaint, manual)
                and <code>note</code>. Addresses already listed keep their entry.
              </p>
              <LinkButton href="/imports/new?kind=suppressions" variant="secondary">
                Upload a suppression list
              </LinkButton>
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
