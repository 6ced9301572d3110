import { z } from "zod";
import { runImport } from "../imports/run-import";
import { defineJob } from "./define-job";

/** Runs one import_jobs row. The payload carries the row's id and where the uploaded file is. */
export const importFileJob = defineJob({
  name: "import-file",
  schema: z.object({
    importJobId: z.string().min(1),
    filePath: z.string().min(1),
  }),
  concurrency: 1,
  async handle(data, ctx) {
    const report = await runImport({
      importJobId: data.importJobId,
      filePath: data.filePath,
      signal: ctx.signal,
      onProgress: (p) => ctx.progress(p.percent),
    });
    return {
      id: report.id,
      rowsRead: report.rowsRead,
      imported: report.imported,
      alreadyPresent: report.alreadyPresent,
      rejected: report.rejected,
    };
  },
});
