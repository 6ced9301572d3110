import os from "node:os";
import path from "node:path";
import { env } from "../env";

/** The folder uploads wait in until their import runs (shared by the web app and the worker). */
export function uploadDir(): string {
  return env().UPLOAD_DIR ?? path.join(os.tmpdir(), "tailor-uploads");
}

/** The stored file of an upload id (a uuid, checked by the caller's schema). */
export const uploadFilePath = (uploadId: string) => path.join(uploadDir(), `${uploadId}.upload`);
export const uploadMetaPath = (uploadId: string) => path.join(uploadDir(), `${uploadId}.json`);

export interface UploadMeta {
  fileName: string;
  size: number;
  userId: string | null;
  createdAt: string;
}
