import type { ConditionDefinition } from "../types";
import { segmentKind, type SegmentCondition, type SegmentConditionInput } from "./schema";
import { evaluateSegment } from "./semantics";
import { segmentSql } from "./sql";

export const segmentCondition: ConditionDefinition<SegmentCondition, SegmentConditionInput> = {
  ...segmentKind,
  compile: segmentSql,
  analyze: (c) => ({ triggers: [`segment:${c.segmentId}`], dependsOn: [c.segmentId], timeBased: false }),
  evaluate: evaluateSegment,
};
