import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { AppError } from "../../../errors";
import { privateDirMode, privateFileMode, unpackDir } from "../../uploads/upload-paths";

export interface ExtractedFile {
  name: string;
  path: string;
}

export interface UnzipLimits {
  /** Most bytes the audience files may unpack to, together. */
  maxBytes: number;
  /** Highest unpacked / packed size of one entry: CSV exports compress 5–20×, ZIP bombs thousands of times. */
  maxRatio: number;
}

export const defaultUnzipLimits: UnzipLimits = { maxBytes: 2 * 1024 ** 3, maxRatio: 200 };

const MEMBER_FILE = /(?:^|\/)[^/]*(subscribed|unsubscribed|cleaned)[^/]*\.csv$/i;
const ORDER = { subscribed: 0, unsubscribed: 1, cleaned: 2 } as Record<string, number>;
const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2).toLocaleString("en")} MB`;

/** True when the file starts like a ZIP archive. */
export function looksLikeZip(head: Buffer): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
}

/**
 * Unpacks the audience CSVs of a Mailchimp export ZIP (subscribed, unsubscribed, cleaned) into a
 * temporary folder (under the upload folder's unpacked/, files 0600, where erasure and the
 * stale-upload sweep find it), streamed; other entries are ignored. One clear error when none is there. The
 * unpacked size is capped (in all, and per entry relative to its packed size), checked from the
 * headers first and again while bytes stream (a forged header does not get past), and the folder is
 * deleted on every error.
 */
export async function extractMailchimpZip(
  zipPath: string,
  options: { limits?: UnzipLimits; tempParent?: string } = {},
): Promise<{ dir: string; files: ExtractedFile[] }> {
  const limits = options.limits ?? defaultUnzipLimits;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (err, z) =>
      err || !z
        ? reject(new AppError("unprocessable", `The ZIP file could not be opened: ${err?.message ?? "unknown error"}`))
        : resolve(z),
    ),
  );
  const parent = options.tempParent ?? unpackDir();
  await mkdir(parent, { recursive: true, mode: privateDirMode });
  const dir = await mkdtemp(path.join(parent, "tailor-mailchimp-"));
  const files: ExtractedFile[] = [];
  const seen: string[] = [];
  let total = 0;
  const tooLarge = () =>
    new AppError(
      "too_large",
      `The ZIP's audience files unpack to more than ${mb(limits.maxBytes)}, more than Tailor accepts. Import the CSVs one by one, or split the audience.`,
    );
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (e: Error) => reject(new AppError("unprocessable", `The ZIP file is damaged: ${e.message}`)));
      zip.on("end", resolve);
      zip.on("entry", (entry: yauzl.Entry) => {
        seen.push(entry.fileName);
        const m = MEMBER_FILE.exec(entry.fileName);
        if (!m || entry.fileName.endsWith("/") || entry.fileName.includes("__MACOSX")) return zip.readEntry();
        if (total + entry.uncompressedSize > limits.maxBytes) return reject(tooLarge());
        if (entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
          return reject(
            new AppError(
              "unprocessable",
              `${entry.fileName} is compressed ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times (at most ${limits.maxRatio} times is accepted): this is not a Mailchimp export. Import the CSVs themselves.`,
            ),
          );
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream)
            return reject(new AppError("unprocessable", `${entry.fileName} cannot be read: ${err?.message ?? "unreadable entry"}`));
          const target = path.join(dir, `${files.length}.csv`);
          // Counted as it streams too: yauzl refuses more bytes than the header declares, this the total.
          const count = new Transform({
            transform(chunk: Buffer, _enc, done) {
              total += chunk.length;
              done(total > limits.maxBytes ? tooLarge() : null, chunk);
            },
          });
          pipeline(stream, count, createWriteStream(target, { mode: privateFileMode }))
            .then(() => {
              files.push({ name: path.basename(entry.fileName), path: target });
              zip.readEntry();
            })
            .catch((e: unknown) =>
              reject(
                e instanceof AppError ? e : new AppError("unprocessable", `${entry.fileName} cannot be unpacked: ${(e as Error).message}`),
              ),
            );
        });
      });
      zip.readEntry();
    });
    if (files.length === 0) {
      const listed = seen.slice(0, 6).join(", ") || "nothing";
      throw new AppError(
        "unprocessable",
        `This ZIP holds no Mailchimp audience files (subscribed_…csv, unsubscribed_…csv, cleaned_…csv); it contains ${listed}.`,
      );
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  } finally {
    zip.close();
  }
  const rank = (name: string) => ORDER[(MEMBER_FILE.exec(name)?.[1] ?? "subscribed").toLowerCase()] ?? 0;
  files.sort((a, b) => rank(a.name) - rank(b.name));
  return { dir, files };
}
