import { listConsentPurposes } from "../consent/purposes";
import { db } from "../db";
import { z } from "zod";

export const suggestionQuerySchema = z.object({
  kind: z.enum(["event", "property", "attribute", "attribute-value", "property-value", "segment", "sku", "category", "purpose"]),
  eventType: z.string().max(200).optional(),
  key: z.string().max(200).optional(),
  prefix: z.string().max(200).default(""),
  /** kind=segment: the segment with this id (its name, for a stored condition), whatever the prefix. */
  id: z.string().max(100).optional(),
});
export type SuggestionQuery = z.infer<typeof suggestionQuerySchema>;

/** How many recent events the key and value suggestions look at (bounded, whatever the data size). */
const SAMPLE = 5000;

/** Suggestions from the data for the builder's inputs: event names, property keys and values, attribute keys and values. */
export async function listSuggestions(q: SuggestionQuery): Promise<{ value: string; label?: string }[]> {
  const prefix = q.prefix;
  switch (q.kind) {
    case "purpose":
      // Every consent purpose (built-in and added on the Privacy page), with what applies without a record.
      return (await listConsentPurposes()).map((p) => ({
        value: p.key,
        label: `${p.label} (${p.defaultRule === "opt_in" ? "needs a grant" : "unless objected"})`,
      }));
    case "event":
      return await db.$queryRawUnsafe<{ value: string }[]>(
        `WITH RECURSIVE t AS (
           (SELECT type FROM events ORDER BY type LIMIT 1)
           UNION ALL SELECT (SELECT e.type FROM events e WHERE e.type > t.type ORDER BY e.type LIMIT 1) FROM t WHERE t.type IS NOT NULL
         ) SELECT type AS value FROM t WHERE type IS NOT NULL AND starts_with(type, $1) LIMIT 50`,
        prefix,
      );
    case "property":
      return db.$queryRawUnsafe<{ value: string }[]>(
        `SELECT DISTINCT k AS value FROM (SELECT properties FROM events WHERE ($1::text IS NULL OR type = $1) ORDER BY occurred_at DESC LIMIT ${SAMPLE}) e,
           LATERAL jsonb_object_keys(e.properties) k WHERE starts_with(k, $2) ORDER BY 1 LIMIT 50`,
        q.eventType ?? null,
        prefix,
      );
    case "property-value":
      return db.$queryRawUnsafe<{ value: string }[]>(
        `SELECT v AS value FROM (SELECT properties ->> $2 AS v FROM events WHERE ($1::text IS NULL OR type = $1) ORDER BY occurred_at DESC LIMIT ${SAMPLE}) e
         WHERE v IS NOT NULL AND starts_with(v, $3) GROUP BY v ORDER BY count(*) DESC LIMIT 30`,
        q.eventType ?? null,
        q.key ?? "",
        prefix,
      );
    case "attribute":
      return db.$queryRawUnsafe<{ value: string }[]>(
        `SELECT DISTINCT k AS value FROM (SELECT attributes FROM customers ORDER BY id DESC LIMIT ${SAMPLE}) c, LATERAL jsonb_object_keys(c.attributes) k
         WHERE starts_with(k, $1) ORDER BY 1 LIMIT 50`,
        prefix,
      );
    case "attribute-value": {
      const columns: Record<string, string> = {
        country: "country",
        city: "city",
        email: "email",
        firstName: "first_name",
        lastName: "last_name",
      };
      const column = columns[q.key ?? ""];
      const expr = column ?? `attributes ->> $2`;
      return db.$queryRawUnsafe<{ value: string }[]>(
        `SELECT v AS value FROM (SELECT ${expr} AS v FROM customers ORDER BY id DESC LIMIT ${SAMPLE * 4}) c WHERE v IS NOT NULL AND starts_with(v, $1)
         GROUP BY v ORDER BY count(*) DESC LIMIT 30`,
        ...(column ? [prefix] : [prefix, q.key ?? ""]),
      );
    }
    case "segment":
      // Searched by any part of the name; the value is the id (what a condition stores), the label the name.
      return (
        await db.segment.findMany({
          where: q.id ? { id: q.id } : { name: { contains: prefix, mode: "insensitive" } },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
          take: 50,
        })
      ).map((s) => ({ value: s.id, label: s.name }));
    case "sku":
      return (
        await db.product.findMany({
          where: { sku: { startsWith: prefix } },
          select: { sku: true, name: true },
          orderBy: { sku: "asc" },
          take: 30,
        })
      ).map((p) => ({ value: p.sku, label: p.name }));
    case "category":
      return db.$queryRawUnsafe<{ value: string }[]>(
        `SELECT DISTINCT category AS value FROM products WHERE category IS NOT NULL AND starts_with(category, $1) ORDER BY 1 LIMIT 50`,
        prefix,
      );
  }
}
