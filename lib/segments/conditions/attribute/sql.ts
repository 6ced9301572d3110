import { badCondition, compareSql } from "../../condition-sql";
import type { CompileContext, ConditionSql } from "../types";
import { withCountryCode } from "./country-value";
import { profileFields, type AttributeCondition } from "./schema";

const profileColumns: Record<string, string> = {
  email: "c.email",
  firstName: "c.first_name",
  lastName: "c.last_name",
  phone: "c.phone",
  country: "c.country",
  city: "c.city",
  firstSeenAt: "c.first_seen_at",
  lastSeenAt: "c.last_seen_at",
  createdAt: "c.created_at",
};

export const ISO_DATE =
  "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ][0-2][0-9]:[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?(Z|[+-][0-2][0-9](:?[0-5][0-9])?)?)?$";

function attributeExpr(ctx: CompileContext, cond: AttributeCondition): string {
  if (!cond.custom) {
    const column = profileColumns[cond.field];
    if (!column)
      badCondition(
        ctx,
        `"${cond.field}" is not a profile field (${Object.keys(profileFields).join(", ")}); custom attributes need custom: true.`,
      );
    if (profileFields[cond.field as keyof typeof profileFields] !== cond.valueType)
      badCondition(ctx, `${cond.field} is a ${profileFields[cond.field as keyof typeof profileFields]} field.`);
    return column;
  }
  const k = ctx.params.add(cond.field, "text");
  switch (cond.valueType) {
    case "text":
      return `(c.attributes ->> ${k})`;
    case "number":
      return `(CASE WHEN jsonb_typeof(c.attributes -> ${k}) = 'number' THEN (c.attributes ->> ${k})::numeric END)`;
    case "boolean":
      return `(CASE WHEN jsonb_typeof(c.attributes -> ${k}) = 'boolean' THEN (c.attributes ->> ${k})::boolean END)`;
    // Only ISO dates (2024-01-31, 2024-01-31T10:00:00Z) are read as dates; anything else is empty.
    case "date":
      return `(CASE WHEN (c.attributes ->> ${k}) ~ '${ISO_DATE}' THEN (c.attributes ->> ${k})::timestamptz END)`;
  }
}

/** A comparison of a profile column or a custom attribute: a boolean over `c`. */
export function attributeSql(given: AttributeCondition, ctx: CompileContext): ConditionSql {
  const cond = withCountryCode(given);
  const x = attributeExpr(ctx, cond);
  return { on: "customers", test: compareSql(ctx, x, cond.valueType, cond.op, cond.value, cond.value2, cond.unit), value: `(${x})::text` };
}
