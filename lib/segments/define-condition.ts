import type { z } from "zod";
import type { ConditionDefinition, ConditionKind } from "./conditions/types";

/**
 * A kind's client-safe part, typed from its schema: the kind's name is its defaults' `kind`, so a
 * conditions/<kind>/schema.ts states its name in the schema's literal and its defaults only.
 */
export function defineConditionKind<C extends { kind: string }, I>(
  schema: z.ZodType<C, I>,
  kind: Omit<ConditionKind<C, I>, "kind" | "schema">,
): ConditionKind<C, I> {
  return { ...kind, kind: kind.defaults.kind, schema };
}

/** A kind's full definition: its client-safe part and its server side (SQL, analysis, semantics), typed from the former. */
export function defineCondition<C extends { kind: string }, I>(
  kind: ConditionKind<C, I>,
  server: Omit<ConditionDefinition<C, I>, keyof ConditionKind<C, I>>,
): ConditionDefinition<C, I> {
  return { ...kind, ...server };
}
