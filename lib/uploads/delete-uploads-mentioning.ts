import { createReadStream } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { uploadDir } from "./upload-paths";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the file holds any of the strings as a whole token (case-insensitive), read as a stream. */
async function fileMentions(file: string, needles: string[]): Promise<boolean> {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${needles.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "iu");
  const overlap = Math.max(...needles.map((n) => n.length)) + 1;
  let tail = "";
  for await (const chunk of createReadStream(file, { encoding: "latin1", highWaterMark: 1 << 20 })) {
    const text = tail + (chunk as string);
    if (pattern.test(text)) return true;
    tail = text.slice(-overlap);
  }
  return false;
}

/**
 * Erasure: deletes the waiting uploads (and their metadata) whose content names the person (their
 * email, phone, name or ids). Files are read as Latin-1, which keeps ASCII identifiers intact
 * whatever the file's encoding. Returns how many uploads were deleted.
 */
export async function deleteUploadsMentioning(opts: { needles: string[] }): Promise<number> {
  const needles = opts.needles.filter((n) => n.length >= 4);
  if (needles.length === 0) return 0;
  const dir = uploadDir();
  let deleted = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".upload")) continue;
    const file = path.join(dir, name);
    if (await fileMentions(file, needles).catch(() => false)) {
      await rm(file, { force: true });
      await rm(file.replace(/\.upload$/, ".json"), { force: true });
      deleted++;
    }
  }
  return deleted;
}
