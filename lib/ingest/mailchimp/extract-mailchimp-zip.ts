import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { AppError } from "../../errors";

export interface ExtractedFile {
  name: string;
  path: string;
}

const MEMBER_FILE = /(?:^|\/)[^/]*(subscribed|unsubscribed|cleaned)[^/]*\.csv$/i;
const ORDER = { subscribed: 0, unsubscribed: 1, cleaned: 2 } as Record<string, number>;

/** True when the file starts like a ZIP archive. */
export function looksLikeZip(head: Buffer): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
}

/**
 * Unpacks the audience CSVs of a Mailchimp export ZIP (subscribed, unsubscribed, cleaned) into a
 * temporary folder, streamed; other entries are ignored. One clear error when none is there.
 */
export async function extractMailchimpZip(zipPath: string): Promise<{ dir: string; files: ExtractedFile[] }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (err, z) =>
      err || !z
        ? reject(new AppError("unprocessable", `The ZIP file could not be opened: ${err?.message ?? "unknown error"}`))
        : resolve(z),
    ),
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), "tailor-mailchimp-"));
  const files: ExtractedFile[] = [];
  const seen: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", resolve);
      zip.on("entry", (entry: yauzl.Entry) => {
        seen.push(entry.fileName);
        const m = MEMBER_FILE.exec(entry.fileName);
        if (!m || entry.fileName.endsWith("/") || entry.fileName.includes("__MACOSX")) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error("unreadable entry"));
          const target = path.join(dir, `${files.length}.csv`);
          pipeline(stream, createWriteStream(target))
            .then(() => {
              files.push({ name: path.basename(entry.fileName), path: target });
              zip.readEntry();
            })
            .catch(reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (files.length === 0) {
    const listed = seen.slice(0, 6).join(", ") || "nothing";
    throw new AppError(
      "unprocessable",
      `This ZIP holds no Mailchimp audience files (subscribed_…csv, unsubscribed_…csv, cleaned_…csv); it contains ${listed}.`,
    );
  }
  const rank = (name: string) => ORDER[(MEMBER_FILE.exec(name)?.[1] ?? "subscribed").toLowerCase()] ?? 0;
  files.sort((a, b) => rank(a.name) - rank(b.name));
  return { dir, files };
}
