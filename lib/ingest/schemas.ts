import { z } from "zod";

/** The file formats Tailor imports. Safe to import from the client (forms, API). */
export const importKindSchema = z.enum(["online-retail"]);
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
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** What an import reports while it runs; `percent` is 0–100. */
export interface ImportProgress {
  phase: string;
  percent: number;
  rowsRead?: number;
}
