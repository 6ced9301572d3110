import type { ConditionDefinition } from "../types";
import { rfmKind, type RfmCondition, type RfmConditionInput } from "./schema";
import { evaluateRfm } from "./semantics";
import { rfmSql } from "./sql";

export const rfmCondition: ConditionDefinition<RfmCondition, RfmConditionInput> = {
  ...rfmKind,
  compile: rfmSql,
  analyze: () => ({ triggers: ["rfm"], timeBased: false }),
  evaluate: evaluateRfm,
};
