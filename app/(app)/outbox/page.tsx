import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { PreviewFrame } from "@/components/templates/preview-frame";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { getCaughtEmail, listCaughtEmails } from "@/lib/sending/caught-emails";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Outbox" };

/**
 * The development mail catcher: test sends land here while SMTP_URL is unset. The list on the
 * left, the chosen message (headers, HTML in a sandboxed frame, plain text) on the right.
 */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireRole("marketer");
  const { id } = firstValues(await searchParams);
  const [emails, { timeZone }] = await Promise.all([listCaughtEmails(), getSettings()]);
  const selectedId = id ?? emails[0]?.id;
  const selected = selectedId ? await getCaughtEmail(selectedId).catch(() => null) : null;
  return (
    <>
      <PageHeader
        title="Outbox"
        description="What Tailor sent in development (campaigns, flows and test sends): while no SMTP server is configured (SMTP_URL), its own mail server keeps the latest messages here instead of delivering them."
      />
      {emails.length === 0 ? (
        <Card>
          <EmptyState title="No emails yet">
            <p>
              Send a campaign, or open a template, preview it as a customer and use <strong>Send a test</strong>. Without{" "}
              <code>SMTP_URL</code> every message lands here, headers and all.
            </p>
            <Link href="/templates" className="font-medium text-indigo-600 hover:underline">
              Go to Templates
            </Link>
          </EmptyState>
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <Card>
            <ul className="divide-y divide-slate-100" aria-label="Caught emails">
              {emails.map((e) => (
                <li key={e.id}>
                  <Link
                    href={`/outbox?id=${e.id}`}
                    aria-current={e.id === selected?.id ? "true" : undefined}
                    className={cn("block px-4 py-3 hover:bg-slate-50", e.id === selected?.id && "bg-indigo-50")}
                  >
                    <p className="truncate text-sm font-medium text-slate-900">{e.subject || "(no subject)"}</p>
                    <p className="truncate text-xs text-slate-500">
                      to {e.to} · {formatDateTime(e.createdAt, timeZone)}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
          {selected ? (
            <Card>
              <CardHeader
                title={selected.subject || "(no subject)"}
                description={`Caught ${formatDateTime(selected.createdAt, timeZone)}`}
              />
              <CardBody className="space-y-4">
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-slate-700">Headers</summary>
                  <table className="mt-2 w-full table-fixed text-left text-xs">
                    <tbody className="divide-y divide-slate-100">
                      {Object.entries(selected.headers).map(([name, value]) => (
                        <tr key={name}>
                          <th className="w-1/4 py-1 pr-2 align-top font-mono font-medium text-slate-600">{name}</th>
                          <td className="py-1 align-top font-mono break-all text-slate-800">{String(value)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
                <PreviewFrame html={selected.html} width="desktop" stale={false} />
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-slate-700">Plain-text version</summary>
                  <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800">
                    {selected.text}
                  </pre>
                </details>
              </CardBody>
            </Card>
          ) : (
            <Card>
              <EmptyState title="That message is gone">
                <p>Pick another message from the list.</p>
              </EmptyState>
            </Card>
          )}
        </div>
      )}
    </>
  );
}
