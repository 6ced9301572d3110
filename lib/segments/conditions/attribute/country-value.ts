import { countryCode } from "../../../customers/countries";
import type { AttributeCondition } from "./schema";

/**
 * "Country is United Kingdom" (or "uk", "GB"): the builder accepts names and spellings, and the
 * condition compares the code Tailor stores. A value that is not a known country is compared as written.
 */
export function withCountryCode(cond: AttributeCondition): AttributeCondition {
  if (cond.custom || cond.field !== "country" || (cond.op !== "eq" && cond.op !== "neq") || typeof cond.value !== "string") return cond;
  const code = countryCode(cond.value);
  return code ? { ...cond, value: code } : cond;
}
