import { z } from "zod";
import { conditionSchemas } from "./conditions";

/**
 * The segment rule document: one schema shared by the builder UI, the API, the CLI, the compiler
 * and the workers. Each condition kind's schema is in conditions/<kind>/schema.ts; see
 * docs/segments.md for examples.
 */

export const conditionSchema = z.discriminatedUnion("kind", conditionSchemas);
export type Condition = z.infer<typeof conditionSchema>;
export type ConditionInput = z.input<typeof conditionSchema>;

export interface RuleGroup {
  type: "group";
  op: "and" | "or";
  /** true: the group matches customers it would otherwise not match. */
  not?: boolean;
  children: RuleNode[];
}
export type RuleNode = RuleGroup | ({ type: "condition" } & Condition);

const conditionNodeSchema = z.discriminatedUnion(
  "kind",
  conditionSchemas.map((v) => v.extend({ type: z.literal("condition") })) as unknown as [
    (typeof conditionSchemas)[number],
    ...(typeof conditionSchemas)[number][],
  ],
);

const ruleGroupObject = z.object({
  type: z.literal("group"),
  op: z.enum(["and", "or"]),
  not: z.boolean().optional(),
  get children(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof ruleGroupObject, typeof conditionNodeSchema]>> {
    return z.array(z.discriminatedUnion("type", [ruleGroupObject, conditionNodeSchema])).max(50, "At most 50 conditions per group");
  },
});

/** Groups inside groups: deeper trees are refused before they are parsed (recursion in the parser and the compiler). */
export const maxRuleDepth = 20;

/** How many groups deep `value` nests (counted without recursion, so a hostile document cannot overflow the stack). */
function groupDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null || (node as { type?: unknown }).type !== "group") continue;
    deepest = Math.max(deepest, depth);
    if (depth > maxRuleDepth) break;
    const children = (node as { children?: unknown }).children;
    if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
  }
  return deepest;
}

export const ruleGroupSchema = z.preprocess((value, ctx) => {
  if (groupDepth(value) > maxRuleDepth) {
    ctx.addIssue({
      code: "custom",
      message: `The rules nest groups more than ${maxRuleDepth} deep, more than Tailor accepts. Put conditions side by side in one group (AND / OR) instead of a group inside each group.`,
    });
    return z.NEVER;
  }
  return value;
}, ruleGroupObject) as unknown as z.ZodType<RuleGroup, unknown>;

/** The whole rule document (the root is a group; an empty AND group matches everyone). */
export const segmentRulesSchema = ruleGroupSchema;
export type SegmentRules = RuleGroup;

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, "Give the segment a name").max(120),
  description: z.string().max(2000).default(""),
  rules: segmentRulesSchema,
});
export type SegmentInput = z.infer<typeof segmentInputSchema>;

export const previewInputSchema = z.object({
  rules: segmentRulesSchema,
  /** The segment being edited, so that cycles through it are refused. */
  segmentId: z.string().max(100).optional(),
  sampleSize: z.number().int().min(0).max(100).default(20),
});
