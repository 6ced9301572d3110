import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { VersionDiff } from "@/components/templates/version-diff";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { getSettings } from "@/lib/settings/get-settings";
import { compareTemplateVersions } from "@/lib/templates/compare-template-versions";
import { getTemplate, listTemplateVersions } from "@/lib/templates/get-template";
import { VersionActionButton } from "../../_components/version-action-button";

export const metadata: Metadata = { title: "Template versions" };

/** Every saved version of a template; ?a=&b= compares two (default: the newest with the one before). */
export default async function TemplateVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requireRole("viewer");
  const { id } = await params;
  const query = firstValues(await searchParams);
  const [template, versions, { timeZone }] = await Promise.all([
    getTemplate(id).catch(notFoundOnAppError),
    listTemplateVersions(id),
    getSettings(),
  ]);
  const canEdit = hasRole(user.role, "marketer");
  const known = (v: string | undefined) => (v && versions.some((x) => x.id === v) ? v : undefined);
  const b = known(query.b) ?? versions[0]?.id;
  const a = known(query.a) ?? versions.find((v) => v.id !== b)?.id;
  const comparison = a && b && a !== b ? await compareTemplateVersions(a, b) : null;
  const numberOf = (vid: string | undefined) => versions.find((v) => v.id === vid)?.number;

  return (
    <>
      <PageHeader
        back={{ href: `/templates/${id}`, label: template.name }}
        title="Versions"
        description="Every save is a version. Compare any two; restoring saves a copy of an old version as the newest, so nothing is lost."
      />
      <p className="mb-4 text-sm text-slate-600" data-testid="current-version">
        {template.current
          ? `Version ${template.current.number} is current: new campaigns pin it and flows send it.`
          : "No version is current yet, so nothing can send this template."}{" "}
        A draft (saved with errors, footer problems or on purpose) is never sent; make it current once it is ready.
      </p>
      <div className="grid gap-4 xl:grid-cols-[26rem_minmax(0,1fr)]">
        <Card>
          {versions.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-600">No version saved yet: edit the template and press “Save version”.</p>
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Versions">
              {versions.map((v, i) => (
                <li key={v.id} className="flex items-start justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="text-sm font-medium text-slate-900">
                      Version {v.number}{" "}
                      {v.id === template.current?.id ? (
                        <Badge tone="success">Current</Badge>
                      ) : v.draft ? (
                        <Badge tone="warning">Draft: not sent</Badge>
                      ) : null}
                    </p>
                    <p className="truncate font-mono text-xs text-slate-600">{v.subject || "(no subject)"}</p>
                    <p className="text-xs text-slate-500">
                      {formatDateTime(v.createdAt, timeZone)}
                      {v.restoredFromId ? ` · restored from version ${numberOf(v.restoredFromId) ?? "(deleted)"}` : ""}
                    </p>
                    <p className="mt-1 space-x-2 text-xs">
                      <Link className="text-indigo-600 hover:underline" href={`?a=${v.id}&b=${b ?? ""}`}>
                        Compare as old
                      </Link>
                      <Link className="text-indigo-600 hover:underline" href={`?a=${a ?? ""}&b=${v.id}`}>
                        as new
                      </Link>
                    </p>
                  </div>
                  {canEdit ? (
                    <div className="flex flex-col items-end gap-1.5">
                      {v.draft && (!template.current || v.number > template.current.number) ? (
                        <VersionActionButton kind="make-current" templateId={id} versionId={v.id} number={v.number} />
                      ) : null}
                      {i > 0 ? <VersionActionButton kind="restore" templateId={id} versionId={v.id} number={v.number} /> : null}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader
            title={comparison ? `Version ${numberOf(a)} → version ${numberOf(b)}` : "Compare"}
            description={comparison ? "Removed lines in red, added lines in green, per field." : undefined}
            action={
              <LinkButton href={`/templates/${id}`} variant="secondary">
                Open the editor
              </LinkButton>
            }
          />
          <CardBody>
            {comparison ? (
              <VersionDiff comparison={comparison} />
            ) : (
              <p className="text-sm text-slate-600">Save a second version to compare two.</p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
