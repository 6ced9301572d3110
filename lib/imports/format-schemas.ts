import { z } from "zod";

/** The file formats Tailor imports. Safe to import from the client (forms, API). */
export const importKindSchema = z.enum([
  "online-retail",
  "shopify-customers",
  "shopify-orders",
  "mailchimp",
  "csv",
  "product-catalogue",
  "consent",
  "suppressions",
]);
export type ImportKind = z.infer<typeof importKindSchema>;

/** The figures of an import, as stored on its import_jobs row. */
export const importCountsSchema = z.object({
  rowsRead: z.number().int().nonnegative(),
  /** Order lines newly inserted. */
  imported: z.number().int().nonnegative(),
  /** Rows whose order line was already stored (natural key: order number + position). */
  alreadyPresent: z.number().int().nonnegative(),
  /** Rows without a CustomerID: not stored. */
  withoutCustomer: z.number().int().nonnegative(),
  /** Rows that could not be read (see import_rejections). */
  rejected: z.number().int().nonnegative(),
  /** Records already stored that this import changed (customers' fields, consent). */
  updated: z.number().int().nonnegative().default(0),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** What an import reports while it runs; `percent` is 0–100. */
export interface ImportProgress {
  phase: string;
  percent: number;
  rowsRead?: number;
}

/** What a marketer's file says about who they are, besides the file: how to read it. */
export const encodingSchema = z.enum(["auto", "utf-8", "latin1"]);
/** Day/month order of dates such as 03/04/2024: ISO, US (M/D/YYYY) or European (D/M/YYYY). */
export const dateOrderSchema = z.enum(["auto", "iso", "us", "eu"]);
export type DateOrder = z.infer<typeof dateOrderSchema>;

/** Tailor fields a mapped CSV column can fill, per kind of file. */
export const customerFields = [
  "email",
  "external_id",
  "first_name",
  "last_name",
  "phone",
  "country",
  "city",
  "email_consent",
  "consent_date",
  "signed_up_at",
] as const;
export const orderFields = [
  "order_number",
  "email",
  "external_id",
  "placed_at",
  "sku",
  "description",
  "quantity",
  "unit_price",
  "line_total",
  "currency",
  "country",
  "first_name",
  "last_name",
] as const;
export const eventFields = ["email", "external_id", "event_type", "occurred_at", "first_name", "last_name"] as const;
export const mappingTargetSchema = z.enum(["customers", "orders", "events"]);
export type MappingTarget = z.infer<typeof mappingTargetSchema>;

/** A column is mapped to a Tailor field, to a free attribute ("attribute:<name>": a profile attribute for customers, a property for events), or ignored (""). */
export const mappingFieldSchema = z.union([
  z.enum([...customerFields, ...orderFields, ...eventFields]),
  z.string().regex(/^attribute:[A-Za-z0-9_ .-]{1,60}$/),
  z.literal(""),
]);

export const columnMappingSchema = z
  .object({
    target: mappingTargetSchema,
    /** Header name in the file → Tailor field. */
    columns: z.record(z.string(), mappingFieldSchema),
    /** Where the file's ids come from ("my-crm"): the external_id identities' source. */
    source: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters, digits, - and _")
      .default("csv"),
    /**
     * A "yes" in the email_consent column without a consent date (no consent_date column, or an empty
     * one): "granted_now" records the grant at the import's time with the file as proof; "unknown"
     * records nothing, so the purpose's default ("Without a record") applies to that person. Absent: "granted_now".
     */
    consentWithoutDate: z.enum(["granted_now", "unknown"]).optional(),
  })
  .superRefine((m, ctx) => {
    const fields = Object.values(m.columns).filter((f) => f !== "");
    const allowed: readonly string[] = m.target === "customers" ? customerFields : m.target === "orders" ? orderFields : eventFields;
    for (const [column, field] of Object.entries(m.columns)) {
      if (field !== "" && !field.startsWith("attribute:") && !allowed.includes(field)) {
        ctx.addIssue({ code: "custom", path: ["columns", column], message: `"${field}" is not a field of ${m.target}` });
      }
      if (field.startsWith("attribute:") && m.target === "orders") {
        ctx.addIssue({
          code: "custom",
          path: ["columns", column],
          message: "attributes can be mapped for customers and events, not orders",
        });
      }
    }
    const seen = new Set<string>();
    for (const f of fields) {
      if (seen.has(f)) ctx.addIssue({ code: "custom", path: ["columns"], message: `two columns are mapped to "${f}"` });
      seen.add(f);
    }
    if (!fields.includes("email") && !fields.includes("external_id")) {
      ctx.addIssue({
        code: "custom",
        path: ["columns"],
        message: "map a column to email or external_id: Tailor needs one to know who each row is",
      });
    }
    if (m.target !== "customers") {
      for (const f of m.target === "orders" ? ["order_number", "placed_at"] : ["event_type", "occurred_at"]) {
        if (!fields.includes(f)) ctx.addIssue({ code: "custom", path: ["columns"], message: `map a column to ${f}` });
      }
    }
  });
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** import_jobs.options: how to read the file. */
export const importOptionsSchema = z.object({
  encoding: encodingSchema.default("auto"),
  dateOrder: dateOrderSchema.default("auto"),
  mapping: columnMappingSchema.optional(),
  /** Delete the file once the import is over (uploads). */
  deleteFileAfter: z.boolean().default(false),
  /** The upload the file came from (the upload page). */
  uploadId: z.string().optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;
