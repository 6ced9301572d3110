import { readFile } from "node:fs/promises";
import { AppError } from "../../errors";
import { uploadMetaPath, type UploadMeta } from "./upload-paths";

/** An upload's name and size; not_found once it was imported, cancelled or expired. */
export async function readUploadMeta(opts: { uploadId: string }): Promise<UploadMeta> {
  const text = await readFile(uploadMetaPath(opts.uploadId), "utf8").catch(() => null);
  if (text === null)
    throw new AppError("not_found", "This upload is no longer there (already imported, or older than a day): upload the file again.");
  return JSON.parse(text) as UploadMeta;
}
