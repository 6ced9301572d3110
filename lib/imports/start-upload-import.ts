import { rm } from "node:fs/promises";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { AppError } from "../errors";
import { createImportJob } from "../jobs/create-import-job";
import { readUploadMeta } from "./uploads/read-upload-meta";
import type { startImportSchema } from "./uploads/schemas";
import { uploadFilePath, uploadMetaPath } from "./uploads/upload-paths";
import type { z } from "zod";
import { saveImportMapping } from "./save-import-mapping";

/**
 * Turns an upload into a queued import: the worker reads the uploaded file and deletes it when the
 * import is over. A CSV import needs its column mapping, which can be saved for later files.
 */
export async function startUploadImport(opts: { input: z.output<typeof startImportSchema>; actor: Actor }): Promise<{ id: string }> {
  const { input, actor } = opts;
  const meta = await readUploadMeta({ uploadId: input.uploadId });
  if (input.kind === "csv" && !input.mapping)
    throw new AppError("unprocessable", "Choose which column holds what before importing (the mapping step).");
  if (input.mapping && input.saveMappingAs) await saveImportMapping({ name: input.saveMappingAs, mapping: input.mapping, actor });
  const id = await createImportJob({
    kind: input.kind,
    fileName: meta.fileName,
    filePath: uploadFilePath(input.uploadId),
    dryRun: input.dryRun,
    actor,
    options: {
      encoding: input.encoding,
      dateOrder: input.dateOrder,
      mapping: input.kind === "csv" ? input.mapping : undefined,
      deleteFileAfter: true,
      uploadId: input.uploadId,
    },
  });
  // The upload is now the import's: it is no longer offered as an upload.
  await rm(uploadMetaPath(input.uploadId), { force: true });
  await writeAuditLog({
    actor,
    action: "import.requested",
    targetType: "import_job",
    targetId: id,
    after: { kind: input.kind, fileName: meta.fileName, size: meta.size, dryRun: input.dryRun },
  });
  return { id };
}
