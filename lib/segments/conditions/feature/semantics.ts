import { compareValue, type RefValue } from "../../condition-semantics";
import type { ReferenceAt } from "../types";
import { zeroDefaultFeatures, type FeatureCondition } from "./schema";

/** The customer's feature (0 for counts and sums without a row; days since a purchase at the reference date). */
export function evaluateFeature(cond: FeatureCondition, { data, customer, ref }: ReferenceAt): boolean {
  const f = data.features.get(customer.id);
  let x: RefValue;
  if (cond.feature === "recency_days" || cond.feature === "tenure_days") {
    const at = f?.[cond.feature === "recency_days" ? "last_purchase_at" : "first_purchase_at"] as Date | null | undefined;
    x = at ? Math.floor((ref.getTime() - at.getTime()) / 86_400_000) : null;
  } else {
    x = (f?.[cond.feature] ?? (zeroDefaultFeatures.has(cond.feature) ? 0 : null)) as RefValue;
  }
  const type = cond.feature.endsWith("_at") ? "date" : "number";
  return compareValue(type, cond.op, x, cond.value, cond.value2, ref, cond.unit);
}
