import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { uploadDir } from "./upload-paths";

/** Uploads never turned into an import are deleted after a day. */
export const STALE_UPLOAD_MS = 24 * 3600 * 1000;

export async function deleteStaleUploads(opts: { now?: number } = {}): Promise<number> {
  const dir = uploadDir();
  const now = opts.now ?? Date.now();
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > STALE_UPLOAD_MS) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
