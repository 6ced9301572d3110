import type { Prisma } from "../db";
import { HOLDOUT } from "../experiments/schemas";
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
  }): Promise<Set<bigint>>;
}

/**
 * The default: one flow_messages row per (run, step), unique, for the delivery worker to send. A step
 * with an experiment records each person's variant on the row; people in its holdout get a skipped
 * row (reason "holdout", nothing sent) and continue the flow.
 */
export const queueFlowMessages: FlowSender = {
  async handOff({ tx, now, step, requests }) {
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
    const rows = await tx.$queryRaw<{ runId: bigint; variant: string | null }[]>`
      INSERT INTO flow_messages (run_id, step_id, flow_id, customer_id, template_id, trigger_event_id, created_at,
        experiment_id, variant, status, skip_reason)
      SELECT u.run_id, ${step.id}, u.flow_id, u.customer_id, ${step.templateId}, u.trigger_event_id, ${now}::timestamptz,
        ${assignment?.experimentId ?? null}::bigint, u.variant,
        CASE WHEN u.variant = ${HOLDOUT} THEN 'skipped' ELSE 'queued' END,
        CASE WHEN u.variant = ${HOLDOUT} THEN ${HOLDOUT} END
      FROM unnest(${requests.map((r) => r.runId.toString())}::bigint[], ${requests.map((r) => r.flowId)}::text[],
        ${requests.map((r) => r.customerId)}::int[], ${requests.map((r) => r.triggerEventId?.toString() ?? null)}::bigint[],
        ${variants}::text[])
        AS u(run_id, flow_id, customer_id, trigger_event_id, variant)
      ON CONFLICT (run_id, step_id) DO NOTHING
      RETURNING run_id AS "runId", variant`;
    return new Set(rows.filter((r) => r.variant !== HOLDOUT).map((r) => BigInt(r.runId)));
  },
};
