import { defineCondition } from "../../define-condition";
import { segmentKind } from "./schema";
import { evaluateSegment } from "./semantics";
import { segmentSql } from "./sql";

export const segmentCondition = defineCondition(segmentKind, {
  compile: segmentSql,
  analyze: (c) => ({ triggers: [`segment:${c.segmentId}`], dependsOn: [c.segmentId], timeBased: false }),
  evaluate: evaluateSegment,
});
