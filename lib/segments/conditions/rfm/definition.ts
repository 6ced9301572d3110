import { defineCondition } from "../../define-condition";
import { rfmKind } from "./schema";
import { evaluateRfm } from "./semantics";
import { rfmSql } from "./sql";

export const rfmCondition = defineCondition(rfmKind, {
  compile: rfmSql,
  analyze: () => ({ triggers: ["rfm"], timeBased: false }),
  evaluate: evaluateRfm,
});
