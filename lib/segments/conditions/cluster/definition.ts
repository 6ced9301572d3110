import { defineCondition } from "../../define-condition";
import { clusterKind, type ClusterCondition } from "./schema";
import { evaluateCluster } from "./semantics";
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

/** Checked against its semantics in cluster-condition.db.test.ts, and against real runs in lib/clustering/runs and workers tests. */
export const clusterCondition = defineCondition(clusterKind, {
  compile: clusterSql,
  evaluate: evaluateCluster,
  // A snapshot never changes; a live condition follows the features it reads.
  analyze: (c) => ({ triggers: c.live ? liveTriggers(c) : [], timeBased: false }),
});
