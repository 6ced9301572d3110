import { countMeets } from "../../condition-semantics";
import type { ReferenceAt } from "../types";
import type { RfmCondition } from "./schema";

/** The customer's RFM value (none without a features row) compared as text, or as a number for scores. */
export function evaluateRfm(cond: RfmCondition, { data, customer }: ReferenceAt): boolean {
  const f = data.features.get(customer.id);
  const x = f?.[cond.field === "segment" ? "rfm_segment" : cond.field === "code" ? "rfm_code" : `${cond.field}_score`] ?? null;
  const values = Array.isArray(cond.value) ? cond.value : [cond.value];
  if (cond.op === "in") return x !== null && values.map(String).includes(String(x));
  if (cond.op === "eq") return x !== null && String(x) === String(cond.value);
  if (cond.op === "neq") return x === null || String(x) !== String(cond.value);
  return x !== null && countMeets(cond.op, Number(x), Number(cond.value));
}
