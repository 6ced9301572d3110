import { defineCondition } from "../../define-condition";
import { scoreKind } from "./schema";
import { scoreSql } from "./sql";

/** Score conditions are checked against trained runs in lib/scoring (no `evaluate`); a model run re-evaluates the segments that read "scores". */
export const scoreCondition = defineCondition(scoreKind, {
  compile: scoreSql,
  analyze: () => ({ triggers: ["scores"], timeBased: false }),
});
