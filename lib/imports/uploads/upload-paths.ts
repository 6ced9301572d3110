import os from "node:os";
import path from "node:path";
import { env } from "../../env";

/** The folder uploads wait in until their import runs (shared by the web app and the worker). */
export function uploadDir(): string {
  return env().UPLOAD_DIR ?? path.join(os.tmpdir(), "tailor-uploads");
}

/** The stored file of an upload id (a uuid, checked by the caller's schema). */
export const uploadFilePath = (uploadId: string) => path.join(uploadDir(), `${uploadId}.upload`);
export const uploadMetaPath = (uploadId: string) => path.join(uploadDir(), `${uploadId}.json`);
/** Where ZIP uploads are unpacked while their import runs (a folder each; erasure and the stale-upload sweep look here too). */
export const unpackDir = () => path.join(uploadDir(), "unpacked");

/** Uploads hold personal data: files only their owner (the user Tailor runs as) may read. */
export const privateFileMode = 0o600;
export const privateDirMode = 0o700;

export interface UploadMeta {
  fileName: string;
  size: number;
  userId: string | null;
  createdAt: string;
}
