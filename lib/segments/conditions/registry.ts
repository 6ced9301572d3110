import type { Condition, ConditionInput } from "../schemas";
import { attributeCondition } from "./attribute/definition";
import { clusterCondition } from "./cluster/definition";
import { consentCondition } from "./consent/definition";
import { eventCondition } from "./event/definition";
import { featureCondition } from "./feature/definition";
import { orderCondition } from "./order/definition";
import { rfmCondition } from "./rfm/definition";
import { scoreCondition } from "./score/definition";
import { segmentCondition } from "./segment/definition";
import { sequenceCondition } from "./sequence/definition";
import type { ConditionDefinition } from "./types";

export type ConditionKindName = Condition["kind"];
type DefinitionOf<K extends ConditionKindName> = ConditionDefinition<Extract<Condition, { kind: K }>, Extract<ConditionInput, { kind: K }>>;

/** Every condition kind's definition, by kind (server side: SQL and semantics included). */
export const conditionDefinitions: { [K in ConditionKindName]: DefinitionOf<K> } = {
  attribute: attributeCondition,
  feature: featureCondition,
  rfm: rfmCondition,
  event: eventCondition,
  sequence: sequenceCondition,
  order: orderCondition,
  segment: segmentCondition,
  consent: consentCondition,
  cluster: clusterCondition,
  score: scoreCondition,
};

/** The definition of a condition's kind, typed for that condition (one cast, here, instead of a switch per use). */
export function definitionOf<C extends Condition>(condition: C): ConditionDefinition<C, unknown> {
  return conditionDefinitions[condition.kind] as unknown as ConditionDefinition<C, unknown>;
}
