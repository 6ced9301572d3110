import { durationMs } from "../../window-bounds";
import { defineCondition } from "../../define-condition";
import { featureKind, type FeatureCondition } from "./schema";
import { evaluateFeature } from "./semantics";
import { featureSql } from "./sql";

const DAY = 86_400_000;
const relative = (c: FeatureCondition) => c.op === "in_last" || c.op === "not_in_last";

export const featureCondition = defineCondition(featureKind, {
  compile: featureSql,
  analyze: (c) => ({ triggers: ["features"], timeBased: c.feature === "recency_days" || c.feature === "tenure_days" || relative(c) }),
  timeCandidates(c, { crossing }) {
    if (c.feature === "recency_days" || c.feature === "tenure_days") {
      const column = c.feature === "recency_days" ? "last_purchase_at" : "first_purchase_at";
      const thresholds = [c.value, c.value2].filter((v) => typeof v === "number" || (typeof v === "string" && v !== "")).map(Number);
      const offsets = thresholds.flatMap((k) => [k * DAY, (k + 1) * DAY]);
      return offsets.length ? [`SELECT customer_id FROM customer_features WHERE ${crossing(column, offsets)}`] : [];
    }
    if (relative(c) && c.feature.endsWith("_at"))
      return [`SELECT customer_id FROM customer_features WHERE ${crossing(c.feature, [durationMs(Number(c.value), c.unit ?? "days")])}`];
    return [];
  },
  evaluate: evaluateFeature,
});
