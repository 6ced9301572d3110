import { z } from "zod";

/** Undo a recorded merge (admin). Safe to import from the client. */
export const undoMergeSchema = z.object({ mergeId: z.coerce.number().int().positive() });
