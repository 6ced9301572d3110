import { z } from "zod";
import { columnMappingSchema, dateOrderSchema, encodingSchema, importKindSchema, mappingTargetSchema } from "../format-schemas";

/** Client-safe shapes of the upload step and the import request that follows it. */

/** 1 GB: the largest file the upload page takes. */
export const MAX_UPLOAD_BYTES = 1024 ** 3;

export const uploadIdSchema = z.string().uuid("not an upload id");

export const uploadQuerySchema = z.object({
  name: z.string().trim().min(1, "give the file's name").max(255),
});

export interface UploadPreview {
  uploadId: string;
  fileName: string;
  size: number;
  /** "zip" for an archive (Mailchimp), else what the first bytes say. */
  kind: "csv" | "zip";
  encoding?: "utf-8" | "latin1";
  delimiter?: string;
  header: string[];
  /** The first data rows, as many values as the header. */
  rows: string[][];
  /** Header name → suggested Tailor field ("" when none), for customers and for orders. */
  suggestions: Record<z.infer<typeof mappingTargetSchema>, Record<string, string>>;
  /** Columns whose values look like D/M or M/D dates: the detected order, or null when ambiguous. */
  dates: { column: string; order: "iso" | "us" | "eu" | null; example?: string }[];
  /** The import kind the header looks like, when recognised. */
  detectedKind: z.infer<typeof importKindSchema> | null;
}

export const startImportSchema = z.object({
  uploadId: uploadIdSchema,
  kind: importKindSchema,
  encoding: encodingSchema.default("auto"),
  dateOrder: dateOrderSchema.default("auto"),
  dryRun: z.boolean().default(false),
  mapping: columnMappingSchema.optional(),
  /** Save the mapping under this name for later files. */
  saveMappingAs: z.string().trim().max(80).optional(),
});
export type StartImportInput = z.input<typeof startImportSchema>;

export const saveMappingSchema = z.object({
  name: z.string().trim().min(1, "give the mapping a name").max(80),
  mapping: columnMappingSchema,
});

export interface SavedMapping {
  id: string;
  name: string;
  target: z.infer<typeof mappingTargetSchema>;
  mapping: z.infer<typeof columnMappingSchema>;
  updatedAt: string;
}
