import { Prisma } from "../generated/prisma/client";
import { recipientTimeZoneSql } from "../campaigns/recipient-time-zone";
import { HOLDOUT } from "../experiments/schemas";
import { variantDueSql } from "../experiments/send-time-sql";
import { assignStepVariants } from "./experiments/assign-step-variants";
import type { FlowStep } from "./schemas";

export interface FlowSendRequest {
  runId: bigint;
  flowId: string;
  customerId: number;
  triggerEventId: bigint | null;
}

/**
 * What a flow's send step hands its emails to, inside the engine's transaction: the hand-off is
 * committed with the step, so an email is handed over exactly once per (run, step). Delivery —
 * consent, suppression, frequency caps, rendering, SMTP — happens after the commit, in the sender.
 * Returns the runs handed over; the rest are recorded as skipped.
 */
export interface FlowSender {
  handOff(opts: {
    tx: Prisma.TransactionClient;
    now: Date;
    step: Extract<FlowStep, { kind: "send_email" }>;
    requests: FlowSendRequest[];
    /** The installation's zone, for send times of people whose own zone is unknown. */
    defaultZone: string;
  }): Promise<Set<bigint>>;
}

type SendStep = Extract<FlowStep, { kind: "send_email" }>;

/** Each variant's send time ("" for a step without an experiment): a send-time variant's own, else the step's. */
function sendTimes(step: SendStep): Record<string, string | undefined> | null {
  const e = step.experiment;
  const times: Record<string, string | undefined> =
    e?.dimension === "send_time" ? Object.fromEntries(e.variants.map((v) => [v.key, v.sendTime || step.sendTime])) : { "": step.sendTime };
  return Object.values(times).some(Boolean) ? times : null;
}

/**
 * The default: one flow_messages row per (run, step), unique, for the delivery worker to send. A step
 * with an experiment records each person's variant on the row; people in its holdout get a skipped
 * row (reason "holdout", nothing sent) and continue the flow.
 */
export const queueFlowMessages: FlowSender = {
  async handOff({ tx, now, step, requests, defaultZone }) {
    if (!requests.length) return new Set();
    const assignment = step.experiment
      ? await assignStepVariants({
          tx,
          now,
          flowId: requests[0]!.flowId,
          stepId: step.id,
          experiment: step.experiment,
          runIds: requests.map((r) => r.runId),
        })
      : null;
    const variants = requests.map((r) => assignment?.variants.get(r.runId) ?? null);
    // A send time: the message waits for its next such hour in the recipient's zone (campaigns' rule, decision 135).
    const times = sendTimes(step);
    const zone = recipientTimeZoneSql(defaultZone);
    const due = times
      ? Prisma.sql`(SELECT ${variantDueSql({
          variant: Prisma.sql`coalesce(u.variant, '')`,
          sendTimes: times,
          zone: zone.zone,
          after: Prisma.sql`${now}::timestamptz`,
          otherwise: Prisma.sql`NULL::timestamptz`,
        })} FROM customers c ${zone.join} WHERE c.id = u.customer_id)`
      : Prisma.sql`NULL::timestamptz`;
    const rows = await tx.$queryRaw<{ runId: bigint; variant: string | null }[]>`
      INSERT INTO flow_messages (run_id, step_id, flow_id, customer_id, template_id, trigger_event_id, created_at,
        experiment_id, variant, status, skip_reason, due_at)
      SELECT t.run_id, ${step.id}, t.flow_id, t.customer_id, ${step.templateId}, t.trigger_event_id, ${now}::timestamptz,
        ${assignment?.experimentId ?? null}::bigint, t.variant,
        CASE WHEN t.variant = ${HOLDOUT} THEN 'skipped' WHEN t.due IS NOT NULL THEN 'waiting' ELSE 'queued' END,
        CASE WHEN t.variant = ${HOLDOUT} THEN ${HOLDOUT} END,
        CASE WHEN t.variant = ${HOLDOUT} THEN NULL ELSE t.due END
      FROM (
        SELECT u.*, ${due} AS due
        FROM unnest(${requests.map((r) => r.runId.toString())}::bigint[], ${requests.map((r) => r.flowId)}::text[],
          ${requests.map((r) => r.customerId)}::int[], ${requests.map((r) => r.triggerEventId?.toString() ?? null)}::bigint[],
          ${variants}::text[])
          AS u(run_id, flow_id, customer_id, trigger_event_id, variant)
      ) t
      ON CONFLICT (run_id, step_id) DO NOTHING
      RETURNING run_id AS "runId", variant`;
    return new Set(rows.filter((r) => r.variant !== HOLDOUT).map((r) => BigInt(r.runId)));
  },
};
