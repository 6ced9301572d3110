import type { Metadata } from "next";
import { headers } from "next/headers";
import { formatDateTime, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { identityVerificationSecret } from "@/lib/consent/installation-secret";
import { env } from "@/lib/env";
import { getIdentitySettings } from "@/lib/identity/get-identity-settings";
import { getSettings } from "@/lib/settings/get-settings";
import { listApiKeys } from "@/lib/tracking/list-api-keys";
import { CreateKeyForm } from "./_components/create-key-form";
import { IdentityRulesForm } from "./_components/identity-rules-form";
import { RevokeKeyButton } from "./_components/revoke-key-button";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireRole("admin");
  const [keys, settings, identityRules] = await Promise.all([listApiKeys(), getSettings(), getIdentitySettings()]);
  const host = ((await headers()).get("host") ?? "localhost").replace(/:\d+$/, "");
  const endpoint = `http://${host}:${env().INGEST_PORT}/api/v1`;
  const { timeZone } = settings;
  const verificationSecret = identityVerificationSecret();
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys for the tracking API: websites, apps and tools send identify, track, page, alias and batch calls in Segment's format. Every change is audit-logged."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Send events"
            description="Point a Segment-style library or a Segment/RudderStack webhook at this address, with a key below as the write key."
          />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Endpoint: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{endpoint}</code> (also answers
              Segment&apos;s own paths, <code className="font-mono text-xs">/v1/track</code> …)
            </p>
            <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100">
              {`curl ${endpoint}/track -u '<key>:' -H 'Content-Type: application/json' \\\n  -d '{"userId":"42","event":"Order Completed","properties":{"total":30}}'`}
            </pre>
            <p className="text-xs text-slate-500">
              A 200 means the call is stored in PostgreSQL; it appears on the customer&apos;s timeline a second or two later. Limits: 32 KB
              per call, 500 KB per batch; a messageId sent twice is stored once.
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Identity verification"
            description="A public key is in every page of your site, so anyone can read it. Calls made with it may name an existing customer's userId, email or phone — and may state consent — only when your server proves the identifier with this secret."
          />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Verification secret:{" "}
              <code data-testid="verification-secret" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all">
                {verificationSecret}
              </code>
            </p>
            <p className="text-xs text-slate-500">
              Keep it on your server, never in a page. For a signed-in visitor, compute the hex HMAC-SHA256 of their userId (and of their
              email, lower-cased) with it and pass it as <code className="font-mono">context.userHash</code> (and{" "}
              <code className="font-mono">context.emailHash</code>). Without it, such calls stay on the visitor&apos;s anonymous profile,
              flagged &quot;Unverified identify&quot;, and their consent is ignored. Secret keys and imports need no verification.
            </p>
            <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100">
              {`// On your server (Node.js)\nconst userHash = crypto.createHmac("sha256", process.env.TAILOR_VERIFICATION_SECRET).update(user.id).digest("hex");\n// In the page\nanalytics.identify(user.id, { email: user.email }, { context: { userHash } });`}
            </pre>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Create a key" />
          <CreateKeyForm />
        </Card>
        <Card>
          <CardHeader title="Keys" description="Revoking a key refuses its calls at once." />
          {keys.length === 0 ? (
            <EmptyState title="No keys yet">Create a public key for your website above, or a secret key for your servers.</EmptyState>
          ) : (
            <DataTable
              columns={[
                "Label",
                "Kind",
                "Key",
                "Source",
                "Allowed origins",
                { label: "Calls", align: "right" },
                "Last call",
                { label: "Status", align: "right" },
              ]}
              spacing="edges"
            >
              {keys.map((k) => (
                <tr
                  key={k.id}
                  className={k.revokedAt ? "text-slate-600" : undefined}
                  title={k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt, timeZone)}` : undefined}
                >
                  <td className="px-5 py-2.5">
                    <p className="font-medium text-slate-900">{k.label}</p>
                    <p className="text-xs whitespace-nowrap text-slate-500">created {formatDateTime(k.createdAt, timeZone)}</p>
                  </td>
                  <td className="px-3 py-2.5">
                    <Badge tone={k.kind === "secret" ? "warning" : "info"}>{k.kind === "secret" ? "Secret" : "Public"}</Badge>
                  </td>
                  <td className="px-3 py-2.5 font-mono text-xs">{k.keyPrefix}…</td>
                  <td className="px-3 py-2.5">{k.source}</td>
                  <td className="px-3 py-2.5 font-mono text-xs">
                    {k.kind === "secret"
                      ? "— (servers only)"
                      : k.allowedOrigins.length
                        ? k.allowedOrigins.join(", ")
                        : "none (no browsers)"}
                  </td>
                  <td className="px-3 py-2.5 text-right tabular-nums">{formatNumber(k.events)}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : "never"}</td>
                  <td className="px-5 py-2.5 text-right">
                    {k.revokedAt ? <Badge tone="danger">Revoked</Badge> : <RevokeKeyButton id={k.id} label={k.label} />}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
        <Card>
          <CardHeader
            title="Identity rules"
            description="Calls are folded into one profile per person; profiles that share an identifier merge. These rules say when never to merge. Merges and refusals show on each profile, where an admin can undo a merge."
          />
          <IdentityRulesForm initial={identityRules} />
        </Card>
      </div>
    </>
  );
}
