import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { db } from "../../db";
import { unpackDir, uploadDir } from "./upload-paths";

/** Uploads never turned into an import, and unpacked ZIP folders a dead import left, are deleted after a day. */
export const STALE_UPLOAD_MS = 24 * 3600 * 1000;

/**
 * Deletes uploads older than a day, except those a queued or running import still reads, and
 * unpacked ZIP folders older than a day. The worker runs it every hour; uploads run it too.
 * Returns how many files and folders were deleted.
 */
export async function deleteStaleUploads(opts: { now?: number } = {}): Promise<number> {
  const dir = uploadDir();
  const now = opts.now ?? Date.now();
  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.length === 0) return 0;
  const inUse = new Set(
    (
      await db.$queryRaw<{ id: string }[]>`
        SELECT options->>'uploadId' AS id FROM import_jobs WHERE status IN ('queued', 'running') AND options ? 'uploadId'`
    ).map((r) => r.id),
  );
  const isStale = async (file: string) => {
    const info = await stat(file).catch(() => null);
    return info !== null && now - info.mtimeMs > STALE_UPLOAD_MS;
  };
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const match = /^(.+)\.(upload|json)$/.exec(name);
    if (match && !inUse.has(match[1]!) && (await isStale(file))) {
      await rm(file, { force: true });
      removed++;
    }
  }
  for (const name of await readdir(unpackDir()).catch(() => [] as string[])) {
    const folder = path.join(unpackDir(), name);
    if (await isStale(folder)) {
      await rm(folder, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
