import { writeAuditLog, type Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { AppError } from "../../errors";
import { variantValue, type ExperimentVariant } from "../../experiments/schemas";
import { saveFlow } from "../save-flow";
import { replaceStep } from "../edit-steps";
import { flowDefinitionSchema, walkSteps, type FlowStep } from "../schemas";
import type { StepExperiment } from "./schemas";
import { experimentFingerprint } from "./step-experiment-row";

type SendStep = Extract<FlowStep, { kind: "send_email" }>;

/** What applying a variant records on the setup's row (decision.applied): which, when, by whom, and what the step sent before. */
export interface AppliedVariant {
  variant: string;
  at: string;
  by: string;
  /** The step's own value of the dimension before (A's when A kept the step's), for the report's labels. */
  own: string | null;
}

const ownValue = (step: SendStep, dimension: StepExperiment["dimension"]): string | null =>
  ({
    subject: step.subject,
    preheader: step.preheader,
    content: step.templateId,
    sender_name: step.senderName,
    send_time: step.sendTime,
  })[dimension] || null;

/** The step sending `variant` as its own message: the variant's value in place of the step's (an empty one keeps the step's), no experiment. */
export function stepWithVariant(
  step: SendStep,
  experiment: StepExperiment,
  variant: Omit<ExperimentVariant, "templateVersionId">,
): SendStep {
  const own: SendStep = { ...step, experiment: undefined };
  const value = variantValue(experiment.dimension, variant) || undefined;
  switch (experiment.dimension) {
    case "subject":
      return { ...own, subject: value ?? own.subject };
    case "preheader":
      return { ...own, preheader: value ?? own.preheader };
    case "content":
      return { ...own, templateId: value ?? own.templateId };
    case "sender_name":
      return { ...own, senderName: value ?? own.senderName };
    case "send_time":
      return { ...own, sendTime: value ?? own.sendTime };
  }
}

/**
 * Ends a send step's experiment by making one variant the step's own message: the decided winner,
 * or one a marketer chose (before or against the decision). The step is rewritten with the
 * variant's subject, preheader, template, sender name or send time and loses its experiment, so
 * everyone who reaches it from now on gets that variant (the holdout ends too); messages already
 * handed over go out as assigned. The setup's row is closed with the applied variant (its figures
 * stay), and the change is audit-logged twice: the flow edit, and what was applied and why.
 */
export async function applyStepWinner(opts: {
  flowId: string;
  stepId: string;
  /** The variant to apply; omitted: the decided winner. */
  variant?: string;
  actor: Actor;
  now?: Date;
}): Promise<{ variant: string; decided: boolean }> {
  const now = opts.now ?? new Date();
  const flow = await db.flow.findUnique({ where: { id: opts.flowId } });
  if (!flow) throw new AppError("not_found", `Flow ${opts.flowId} does not exist.`);
  if (flow.status === "archived") throw new AppError("conflict", "An archived flow cannot be edited: start a new one from a starter.");
  const definition = flowDefinitionSchema.parse({ ...flow, exitOn: flow.exitOn, reentry: flow.reentry });
  const step = [...walkSteps(definition.steps)].find((s) => s.step.id === opts.stepId)?.step;
  if (!step) throw new AppError("not_found", `Step ${opts.stepId} is not in this flow.`);
  if (step.kind !== "send_email" || !step.experiment)
    throw new AppError("conflict", `Step ${opts.stepId} has no experiment running: there is no winner to apply.`);
  const experiment = step.experiment;
  const setup = await db.flowStepExperiment.findUnique({
    where: { flowId_stepId_fingerprint: { flowId: opts.flowId, stepId: opts.stepId, fingerprint: experimentFingerprint(experiment) } },
    select: { id: true, status: true, winner: true, decision: true },
  });
  const decidedWinner = setup?.status === "decided" ? setup.winner : null;
  const key = opts.variant ?? decidedWinner;
  if (!key) throw new AppError("conflict", "No winner has been decided yet: choose the variant to apply.");
  const variant = experiment.variants.find((v) => v.key === key);
  if (!variant) throw new AppError("unprocessable", `The experiment has no variant ${key}.`);

  const steps = replaceStep(definition.steps, stepWithVariant(step, experiment, variant));
  await saveFlow({ id: opts.flowId, input: { ...definition, steps }, actor: opts.actor, now });
  const decided = key === decidedWinner;
  await db.$transaction(async (tx) => {
    if (setup) {
      const look = (setup.decision ?? {}) as Record<string, unknown>;
      await tx.flowStepExperiment.update({
        where: { id: setup.id },
        data: {
          status: "decided",
          winner: key,
          decidedAt: setup.status === "decided" ? undefined : now,
          decision: JSON.parse(
            JSON.stringify({
              ...look,
              ...(setup.status === "decided" ? {} : { reason: `${key} applied to the step before a winner was decided` }),
              applied: {
                variant: key,
                at: now.toISOString(),
                by: opts.actor.id ?? opts.actor.label,
                own: ownValue(step, experiment.dimension),
              } satisfies AppliedVariant,
            }),
          ),
        },
      });
    }
    await writeAuditLog(
      {
        actor: opts.actor,
        action: "flow.experiment_winner_applied",
        targetType: "flow",
        targetId: opts.flowId,
        before: { stepId: opts.stepId, experiment, decidedWinner },
        after: {
          stepId: opts.stepId,
          variant: key,
          decided,
          dimension: experiment.dimension,
          value: variantValue(experiment.dimension, variant),
        },
      },
      tx,
    );
  });
  return { variant: key, decided };
}
