import { conditionKinds } from "./conditions";
import type { ConditionKind, DescribeNames } from "./conditions/types";
import type { Condition } from "./schemas";

/** Plain-language text of a condition (explanations, lists, the CLI), as its kind describes it; client-safe. */
export function describeCondition<C extends Condition>(c: C, names?: DescribeNames): string {
  return (conditionKinds[c.kind] as unknown as ConditionKind<C, unknown>).describe(c, names);
}
