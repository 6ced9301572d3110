import { createReadStream } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { defaultUnzipLimits } from "../formats/mailchimp/extract-mailchimp-zip";
import { unpackDir, uploadDir } from "./upload-paths";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the stream holds any of the strings as a whole token (case-insensitive), read chunk by chunk. */
async function streamMentions(stream: Readable, needles: string[]): Promise<boolean> {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${needles.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "iu");
  const overlap = Math.max(...needles.map((n) => n.length)) + 1;
  let tail = "";
  try {
    for await (const chunk of stream) {
      const text = tail + (chunk as Buffer).toString("latin1");
      if (pattern.test(text)) return true;
      tail = text.slice(-overlap);
    }
    return false;
  } finally {
    stream.destroy();
  }
}

const fileMentions = (file: string, needles: string[]) => streamMentions(createReadStream(file, { highWaterMark: 1 << 20 }), needles);

/** Whether a ZIP upload (a Mailchimp export) holds the strings in any entry, each entry unpacked as a stream. */
async function zipMentions(file: string, needles: string[]): Promise<boolean> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err || !z ? reject(err ?? new Error("unreadable")) : resolve(z))),
  );
  try {
    return await new Promise<boolean>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve(false));
      zip.on("entry", (entry: yauzl.Entry) => {
        // Entries a ZIP bomb would unpack to gigabytes are skipped (the import refuses such a file anyway).
        if (entry.fileName.endsWith("/") || entry.uncompressedSize > defaultUnzipLimits.maxRatio * Math.max(entry.compressedSize, 1))
          return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error("unreadable entry"));
          streamMentions(stream, needles).then((found) => (found ? resolve(true) : zip.readEntry()), reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

async function isZip(file: string): Promise<boolean> {
  for await (const head of createReadStream(file, { start: 0, end: 3 })) {
    const b = head as Buffer;
    return b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05);
  }
  return false;
}

/**
 * Erasure: deletes the waiting uploads (and their metadata) whose content names the person (their
 * email, phone, name or ids), ZIP uploads read entry by entry, and the unpacked folders of ZIP
 * imports under way. Files are read as Latin-1, which keeps ASCII identifiers intact whatever the
 * file's encoding. Returns how many uploads and folders were deleted.
 */
export async function deleteUploadsMentioning(opts: { needles: string[] }): Promise<number> {
  const needles = opts.needles.filter((n) => n.length >= 4);
  if (needles.length === 0) return 0;
  const dir = uploadDir();
  let deleted = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".upload")) continue;
    const file = path.join(dir, name);
    const mentions = (await isZip(file).catch(() => false)) ? zipMentions(file, needles) : fileMentions(file, needles);
    if (await mentions.catch(() => false)) {
      await rm(file, { force: true });
      await rm(file.replace(/\.upload$/, ".json"), { force: true });
      deleted++;
    }
  }
  for (const name of await readdir(unpackDir()).catch(() => [] as string[])) {
    const folder = path.join(unpackDir(), name);
    const files = await readdir(folder).catch(() => [] as string[]);
    for (const f of files) {
      if (await fileMentions(path.join(folder, f), needles).catch(() => false)) {
        await rm(folder, { recursive: true, force: true });
        deleted++;
        break;
      }
    }
  }
  return deleted;
}
