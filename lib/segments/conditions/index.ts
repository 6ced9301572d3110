import { attributeConditionSchema, attributeKind } from "./attribute/schema";
import { clusterConditionSchema, clusterKind } from "./cluster/schema";
import { consentConditionSchema, consentKind } from "./consent/schema";
import { eventConditionSchema, eventKind } from "./event/schema";
import { featureConditionSchema, featureKind } from "./feature/schema";
import { orderConditionSchema, orderKind } from "./order/schema";
import { rfmConditionSchema, rfmKind } from "./rfm/schema";
import { scoreConditionSchema, scoreKind } from "./score/schema";
import { segmentConditionSchema, segmentKind } from "./segment/schema";
import { sequenceConditionSchema, sequenceKind } from "./sequence/schema";

/**
 * The condition kinds, client-safe: their schemas (in the builder's menu order) and their labels,
 * defaults and descriptions. The server side of each kind (SQL, semantics) is in registry.ts.
 */
export const conditionSchemas = [
  attributeConditionSchema,
  featureConditionSchema,
  rfmConditionSchema,
  eventConditionSchema,
  sequenceConditionSchema,
  orderConditionSchema,
  segmentConditionSchema,
  consentConditionSchema,
  clusterConditionSchema,
  scoreConditionSchema,
] as const;

export const conditionKinds = {
  attribute: attributeKind,
  feature: featureKind,
  rfm: rfmKind,
  event: eventKind,
  sequence: sequenceKind,
  order: orderKind,
  segment: segmentKind,
  consent: consentKind,
  cluster: clusterKind,
  score: scoreKind,
} as const;
