import { defineCondition } from "../../define-condition";
import { consentKind } from "./schema";
import { evaluateConsent } from "./semantics";
import { consentSql } from "./sql";

export const consentCondition = defineCondition(consentKind, {
  compile: consentSql,
  analyze: (c) => ({ triggers: ["consent"], consentPurposes: [c.purpose], timeBased: false }),
  evaluate: evaluateConsent,
});
