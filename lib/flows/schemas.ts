import { z } from "zod";
import { propertyFilterSchema } from "../segments/condition-fields";
import { segmentRulesSchema } from "../segments/schemas";
import { sendTimePattern } from "../experiments/schemas";
import { stepExperimentSchema } from "./experiments/schemas";

/**
 * The flow document: trigger, steps, re-entry and exit rules. One schema shared by the editor, the
 * actions, the engine and the starter flows. Steps form a tree: a branch's paths never rejoin; the end
 * of a path completes the run.
 */

const id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_-]+$/i, "Step ids use letters, digits, - and _");
const eventName = z.string().min(1, "Choose an event").max(200);
export const flowTimeUnits = ["seconds", "minutes", "hours", "days"] as const;
const duration = z.object({ amount: z.number().int().min(1).max(100_000), unit: z.enum(flowTimeUnits) });

export const eventMatchSchema = z.object({ event: eventName, where: z.array(propertyFilterSchema).max(10).default([]) });
export type EventMatch = z.infer<typeof eventMatchSchema>;

export const flowTriggerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("event"), ...eventMatchSchema.shape }),
  z.object({ kind: z.literal("segment"), segmentId: z.string().min(1, "Choose a segment") }),
]);
export type FlowTrigger = z.infer<typeof flowTriggerSchema>;

export const branchConditionSchema = z.discriminatedUnion("kind", [
  /** A segment rule tree (attributes, events, features, scores, RFM) evaluated for the person at that moment. */
  z.object({ kind: z.literal("rules"), rules: segmentRulesSchema }),
  z.object({ kind: z.literal("segment"), segmentId: z.string().min(1, "Choose a segment") }),
  /** Random split: `percent` of people take the yes path. */
  z.object({ kind: z.literal("random"), percent: z.number().min(0).max(100) }),
]);
export type BranchCondition = z.infer<typeof branchConditionSchema>;

/** The parts of an email send step (the template version is pinned when the flow goes live). */
export const sendEmailSchema = z.object({
  templateId: z.string().min(1, "Choose a template"),
  subject: z.string().max(500).optional(),
  preheader: z.string().max(500).optional(),
  /** The name the email comes from (empty: the sending account's); an experiment's winning sender name is applied here. */
  senderName: z.string().trim().max(200).optional(),
  /** Sends at this hour (HH:MM) in each recipient's time zone, the next one after they reach the step (empty: at once); the run goes on meanwhile. */
  sendTime: z.string().trim().regex(sendTimePattern, { error: "Give a send time as HH:MM, 24-hour (e.g. 09:00 or 18:30)." }).optional(),
  /** Marketing mail counts against the frequency caps; transactional is exempt. */
  category: z.enum(["marketing", "transactional"]).default("marketing"),
  /** An A/B/n test, sequential test or bandit on the subject, preheader, content, sender name or send time, with an optional holdout. */
  experiment: stepExperimentSchema.optional(),
});

const attributeValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export type FlowStep =
  | { id: string; kind: "wait"; duration: z.infer<typeof duration> }
  | { id: string; kind: "wait_until_time"; hour: number; minute: number }
  | { id: string; kind: "wait_for_event"; match: EventMatch; timeout: z.infer<typeof duration>; happened: FlowStep[]; timedOut: FlowStep[] }
  | { id: string; kind: "branch"; condition: BranchCondition; yes: FlowStep[]; no: FlowStep[] }
  | ({ id: string; kind: "send_email" } & z.infer<typeof sendEmailSchema>)
  | { id: string; kind: "update_attribute"; name: string; value: string | number | boolean | null }
  | { id: string; kind: "add_tag"; tag: string }
  | { id: string; kind: "remove_tag"; tag: string }
  | { id: string; kind: "exit" };

export const flowStepSchema: z.ZodType<FlowStep> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ id, kind: z.literal("wait"), duration }),
    z.object({
      id,
      kind: z.literal("wait_until_time"),
      hour: z.number().int().min(0).max(23),
      minute: z.number().int().min(0).max(59).default(0),
    }),
    z.object({
      id,
      kind: z.literal("wait_for_event"),
      match: eventMatchSchema,
      timeout: duration,
      happened: z.array(flowStepSchema).max(100),
      timedOut: z.array(flowStepSchema).max(100),
    }),
    z.object({
      id,
      kind: z.literal("branch"),
      condition: branchConditionSchema,
      yes: z.array(flowStepSchema).max(100),
      no: z.array(flowStepSchema).max(100),
    }),
    z.object({ id, kind: z.literal("send_email"), ...sendEmailSchema.shape }),
    z.object({
      id,
      kind: z.literal("update_attribute"),
      name: z
        .string()
        .min(1, "Name the attribute")
        .max(100)
        .regex(/^[A-Za-z0-9_.-]+$/, "Attribute names use letters, digits, _ . -"),
      value: attributeValue,
    }),
    z.object({ id, kind: z.literal("add_tag"), tag: z.string().min(1, "Name the tag").max(100) }),
    z.object({ id, kind: z.literal("remove_tag"), tag: z.string().min(1, "Name the tag").max(100) }),
    z.object({ id, kind: z.literal("exit") }),
  ]),
) as z.ZodType<FlowStep>;

/**
 * What takes a person out of the flow at once, wherever they are: an event since they entered (with
 * property filters; `kind` may be left out, as in flows saved before segments could be exits), or
 * leaving a segment. docs/decisions/139 says what a new criterion does to people already inside.
 */
export const exitCriterionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("event").optional(), ...eventMatchSchema.shape }),
  z.object({ kind: z.literal("left_segment"), segmentId: z.string().min(1, "Choose a segment") }),
]);
export type ExitCriterion = z.infer<typeof exitCriterionSchema>;
export type EventExitCriterion = Exclude<ExitCriterion, { kind: "left_segment" }>;

export const reentrySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("once") }),
  z.object({ kind: z.literal("every_time") }),
  z.object({
    kind: z.literal("once_per_days"),
    days: z.number("Give a number of days").int("Give a whole number of days").min(1, "At least 1 day").max(3650, "At most 3650 days"),
  }),
]);
export type Reentry = z.infer<typeof reentrySchema>;

export const flowDefinitionSchema = z
  .object({
    name: z.string().trim().min(1, "Name the flow").max(200),
    description: z.string().max(2000).default(""),
    trigger: flowTriggerSchema,
    steps: z.array(flowStepSchema).max(100),
    reentry: reentrySchema.default({ kind: "once" }),
    /** Events (e.g. Order Completed) or segment exits that take a person out at once, wherever they are. */
    exitOn: z.array(exitCriterionSchema).max(10, "At most 10 exit criteria").default([]),
  })
  .superRefine((flow, ctx) => {
    const seen = new Set<string>();
    for (const { step, path } of walkSteps(flow.steps)) {
      if (seen.has(step.id))
        ctx.addIssue({ code: "custom", path: ["steps", ...path, "id"], message: `Step id "${step.id}" is used twice` });
      seen.add(step.id);
    }
  });
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;

/** The parts of a flow edited beside its steps: name, trigger, re-entry and exit criteria. */
export const flowSettingsSchema = z.object({
  name: z.string().trim().min(1, "Name the flow").max(200, "At most 200 characters"),
  description: z.string().max(2000, "At most 2000 characters").default(""),
  trigger: flowTriggerSchema,
  reentry: reentrySchema,
  exitOn: z.array(exitCriterionSchema).max(10, "At most 10 exit criteria"),
});
export type FlowSettings = z.infer<typeof flowSettingsSchema>;

/** A new flow from scratch: a name and a trigger; steps are added in the editor. */
export const newFlowSchema = flowSettingsSchema.pick({ name: true, trigger: true });

/** Every step of the tree, depth first, with its path in the document. */
export function* walkSteps(steps: FlowStep[], path: (string | number)[] = []): Generator<{ step: FlowStep; path: (string | number)[] }> {
  for (const [i, step] of steps.entries()) {
    yield { step, path: [...path, i] };
    if (step.kind === "branch") {
      yield* walkSteps(step.yes, [...path, i, "yes"]);
      yield* walkSteps(step.no, [...path, i, "no"]);
    } else if (step.kind === "wait_for_event") {
      yield* walkSteps(step.happened, [...path, i, "happened"]);
      yield* walkSteps(step.timedOut, [...path, i, "timedOut"]);
    }
  }
}

export const FLOW_STATUSES = ["draft", "active", "paused", "archived"] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];
