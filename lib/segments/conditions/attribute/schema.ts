import { z } from "zod";
import { booleanOps, comparisonFields, dateOps, describeValue, numberOps, opText, quote, textOps } from "../../condition-fields";
import { defineConditionKind } from "../../define-condition";

/** Profile columns, and custom attributes as attributes.<key>. */
export const profileFields = {
  email: "text",
  firstName: "text",
  lastName: "text",
  phone: "text",
  country: "text",
  city: "text",
  firstSeenAt: "date",
  lastSeenAt: "date",
  createdAt: "date",
} as const;
export type ProfileField = keyof typeof profileFields;

/** The profile fields as the builder and descriptions name them. */
export const profileFieldLabels: Record<ProfileField, string> = {
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone",
  country: "Country",
  city: "City",
  firstSeenAt: "First seen",
  lastSeenAt: "Last seen",
  createdAt: "Created",
};

export const attributeConditionSchema = z.object({
  kind: z.literal("attribute"),
  /** A profile column (email, country, …) or a custom attribute key. */
  field: z.string().min(1, "Choose an attribute").max(200),
  /** true when `field` is a key of the free-form attributes. */
  custom: z.boolean().default(false),
  valueType: z.enum(["text", "number", "date", "boolean"]),
  ...comparisonFields(textOps, numberOps, dateOps, booleanOps),
});
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;

export const attributeKind = defineConditionKind(attributeConditionSchema, {
  label: "Profile attribute",
  description: "A profile field (email, country, first seen …) or a custom attribute compared with a value.",
  defaults: { kind: "attribute", field: "country", custom: false, valueType: "text", op: "eq", value: "" },
  describe: (c) =>
    `${c.custom ? `Attribute ${quote(c.field)}` : (profileFieldLabels[c.field as ProfileField] ?? c.field)} ${opText[c.op] ?? c.op}${describeValue(c.op, c.value, c.value2, c.unit)}`,
});
