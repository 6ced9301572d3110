import type { ConditionDefinition } from "../types";
import { clusterKind, type ClusterCondition, type ClusterConditionInput } from "./schema";
import { clusterSql } from "./sql";

/** The triggers of a live condition: the features, attributes and scores its model reads, and consent. */
function liveTriggers(c: ClusterCondition): string[] {
  const triggers = ["features", "consent"];
  for (const col of c.model?.preprocess.columns ?? []) {
    if (col.key.startsWith("attr:")) triggers.push("attributes");
    else if (col.key.endsWith("_score")) triggers.push("rfm");
  }
  return triggers;
}

/** Cluster conditions are checked against real runs in lib/clustering/runs and workers/cluster-run tests (no `evaluate`). */
export const clusterCondition: ConditionDefinition<ClusterCondition, ClusterConditionInput> = {
  ...clusterKind,
  compile: clusterSql,
  // A snapshot never changes; a live condition follows the features it reads.
  analyze: (c) => ({ triggers: c.live ? liveTriggers(c) : [], timeBased: false }),
};
