import ipaddr from "ipaddr.js";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { onCustomersChanged } from "../segments/on-customers-changed";
import { detectMachineOpen } from "./detect-machine-open";
import { isFlowTrackingId } from "./flow-tracking-id";
import { destinationOf, linksOfVersion } from "./find-tracked-link";
import { verifyClickToken, verifyOpenToken, type TrackingTarget } from "./tracking-token";

/** The profile events of human opens and clicks (segments, engagement features and flows read them). */
export const emailOpenedEvent = "Email Opened";
export const emailLinkClickedEvent = "Email Link Clicked";

export interface RequestSignal {
  userAgent: string | null;
  ip: string | null;
  now?: Date;
}

interface SentRow {
  name: string;
  sent_at: Date | null;
  listed: boolean;
  version_id: string | null;
  mjml: string | null;
  /** A flow's email: the flow and its send step (campaign emails: null). */
  flow_id: string | null;
  flow_step_id: string | null;
}

/**
 * The ledger row of a signed token's recipient, whether the address is on the machine list, and the
 * version it was rendered from: a campaign's send-ledger row, or for a flow's tracking id the
 * latest message of that flow step sent to the person.
 */
async function sentRow(target: TrackingTarget, ip: string | null): Promise<SentRow | null> {
  const address = ip && ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : null;
  const listed = Prisma.sql`(${address}::inet IS NOT NULL AND EXISTS (SELECT 1 FROM machine_ip_ranges r WHERE r.range >>= ${address}::inet)) AS listed`;
  const [row] = isFlowTrackingId(target.campaignId)
    ? await db.$queryRaw<SentRow[]>`
        SELECT f.name, m.sent_at, v.id AS version_id, v.mjml, m.flow_id, m.step_id AS flow_step_id, ${listed}
        FROM flow_messages m JOIN flows f ON f.id = m.flow_id
        LEFT JOIN email_template_versions v ON v.id = m.template_version_id
        WHERE m.customer_id = ${target.customerId} AND m.tracking_id = ${target.campaignId} AND m.status IN ('sent', 'sending')
        ORDER BY m.id DESC LIMIT 1`
    : await db.$queryRaw<SentRow[]>`
        SELECT c.name, s.sent_at, v.id AS version_id, v.mjml, NULL AS flow_id, NULL AS flow_step_id, ${listed}
        FROM campaign_sends s JOIN campaigns c ON c.id = s.campaign_id
        -- A content experiment's variant was rendered from its own template version: its links are that version's.
        LEFT JOIN campaign_experiments e ON e.campaign_id = s.campaign_id AND e.dimension = 'content' AND s.variant IS NOT NULL
        LEFT JOIN email_template_versions v ON v.id = coalesce(
          (SELECT x->>'templateVersionId' FROM jsonb_array_elements(e.variants) x WHERE x->>'key' = s.variant), c.template_version_id)
        WHERE s.campaign_id = ${target.campaignId} AND s.customer_id = ${target.customerId} AND s.state IN ('sent', 'sending')`;
  return row ?? null;
}

async function record(options: {
  target: TrackingTarget;
  row: SentRow;
  kind: "open" | "click";
  signal: RequestSignal;
  link?: number;
  url?: string;
}): Promise<{ machine: boolean }> {
  const { target, row, signal } = options;
  const at = signal.now ?? new Date();
  const verdict = detectMachineOpen({ userAgent: signal.userAgent, ip: signal.ip, at, sentAt: row.sent_at }, undefined, row.listed);
  const type = options.kind === "open" ? emailOpenedEvent : emailLinkClickedEvent;
  await db.$transaction([
    db.emailInteraction.create({
      data: {
        campaignId: row.flow_id ? null : target.campaignId,
        flowId: row.flow_id,
        flowStepId: row.flow_step_id,
        customerId: target.customerId,
        kind: options.kind,
        machine: verdict.machine,
        machineReason: verdict.reason,
        link: options.link ?? null,
        url: options.url ?? null,
        userAgent: signal.userAgent?.slice(0, 500) ?? null,
        occurredAt: at,
      },
    }),
    // Only a person's open or click is engagement: machine ones stay in the report, off the profile.
    ...(verdict.machine
      ? []
      : [
          db.event.create({
            data: {
              customerId: target.customerId,
              type,
              occurredAt: at,
              source: "email",
              properties: {
                ...(row.flow_id
                  ? { flow_id: row.flow_id, flow: row.name, step_id: row.flow_step_id }
                  : { campaign_id: target.campaignId, campaign: row.name }),
                ...(options.url ? { url: options.url, link: options.link } : {}),
              },
            },
          }),
        ]),
  ]);
  if (!verdict.machine)
    await onCustomersChanged({ customerIds: [target.customerId], kinds: [`event:${type}`] }).catch(() => {
      // Redis down: the features catch up at the next rebuild; the open itself is stored.
    });
  return { machine: verdict.machine };
}

/** An open pixel was fetched: recorded (human or machine) when its token is valid and the message was sent. */
export async function recordEmailOpen(options: { token: string } & RequestSignal): Promise<{ recorded: boolean; machine?: boolean }> {
  const target = verifyOpenToken(options.token);
  if (!target) return { recorded: false };
  const row = await sentRow(target, options.ip);
  if (!row) return { recorded: false };
  return { recorded: true, ...(await record({ target, row, kind: "open", signal: options })) };
}

/**
 * A tracked link was followed: returns where to send the reader, or null for an invalid or altered
 * link (nothing recorded, no redirect).
 */
export async function recordEmailClick(
  options: { token: string; carried: string | null } & RequestSignal,
): Promise<{ destination: string | null; machine?: boolean }> {
  const target = verifyClickToken(options.token);
  if (!target) return { destination: null };
  const row = await sentRow(target, options.ip);
  if (!row || !row.version_id || row.mjml === null) return { destination: null };
  const destination = destinationOf(linksOfVersion(row.version_id, row.mjml), target.link, options.carried);
  if (!destination) return { destination: null };
  const { machine } = await record({ target, row, kind: "click", signal: options, link: target.link, url: destination });
  return { destination, machine };
}
