import type { ConditionDefinition } from "../types";
import { consentKind, type ConsentCondition, type ConsentConditionInput } from "./schema";
import { evaluateConsent } from "./semantics";
import { consentSql } from "./sql";

export const consentCondition: ConditionDefinition<ConsentCondition, ConsentConditionInput> = {
  ...consentKind,
  compile: consentSql,
  analyze: (c) => ({ triggers: ["consent"], consentPurposes: [c.purpose], timeBased: false }),
  evaluate: evaluateConsent,
};
