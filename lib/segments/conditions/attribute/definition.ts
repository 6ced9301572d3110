import { durationMs } from "../../window-bounds";
import { defineCondition } from "../../define-condition";
import { attributeKind, type AttributeCondition } from "./schema";
import { evaluateAttribute } from "./semantics";
import { attributeSql } from "./sql";

const timestampColumns: Record<string, string> = { firstSeenAt: "first_seen_at", lastSeenAt: "last_seen_at", createdAt: "created_at" };
const relative = (c: AttributeCondition) => c.op === "in_last" || c.op === "not_in_last";

export const attributeCondition = defineCondition(attributeKind, {
  compile: attributeSql,
  analyze: (c) => ({ triggers: ["attributes"], timeBased: relative(c) }),
  timeCandidates(c, { params, crossing }) {
    if (!relative(c)) return [];
    if (c.custom)
      // Custom attributes are not indexed: every customer with that attribute is a candidate.
      return c.valueType === "date" ? [`SELECT id FROM customers WHERE (attributes -> ${params.add(c.field, "text")}) IS NOT NULL`] : [];
    const column = timestampColumns[c.field];
    return column ? [`SELECT id FROM customers WHERE ${crossing(column, [durationMs(Number(c.value), c.unit ?? "days")])}`] : [];
  },
  evaluate: evaluateAttribute,
});
