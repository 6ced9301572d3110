import { compareValue, jsonText, type RefValue } from "../../condition-semantics";
import type { RefCustomer, ReferenceAt } from "../types";
import { withCountryCode } from "./country-value";
import type { AttributeCondition } from "./schema";

/** The profile column, or the custom attribute read as the condition's type (anything else is empty). */
export function evaluateAttribute(given: AttributeCondition, { customer: c, ref }: ReferenceAt): boolean {
  const cond = withCountryCode(given);
  let x: RefValue;
  if (cond.custom) {
    const raw = c.attributes[cond.field];
    x =
      cond.valueType === "number"
        ? typeof raw === "number"
          ? raw
          : null
        : cond.valueType === "boolean"
          ? typeof raw === "boolean"
            ? raw
            : null
          : cond.valueType === "date"
            ? typeof raw === "string" && !Number.isNaN(new Date(raw).getTime())
              ? new Date(raw)
              : null
            : (jsonText(raw) as RefValue);
  } else {
    x = c[cond.field as keyof RefCustomer] as RefValue;
  }
  return compareValue(cond.valueType, cond.op, x, cond.value, cond.value2, ref, cond.unit);
}
