import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "../../errors";
import { deleteStaleUploads } from "./delete-stale-uploads";
import { MAX_UPLOAD_BYTES } from "./schemas";
import { privateDirMode, privateFileMode, uploadDir, uploadFilePath, uploadMetaPath, type UploadMeta } from "./upload-paths";

/**
 * Streams a request body to the upload folder, never holding it in memory, and refuses more than
 * `maxBytes` (the partial file is removed). Returns the new upload's id.
 */
export async function receiveUpload(opts: {
  body: ReadableStream<Uint8Array> | null;
  fileName: string;
  userId: string | null;
  maxBytes?: number;
}): Promise<{ uploadId: string; size: number }> {
  if (!opts.body) throw new AppError("bad_request", "The request has no file: send the file's bytes as the request body.");
  const max = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  await mkdir(uploadDir(), { recursive: true, mode: privateDirMode });
  await deleteStaleUploads().catch(() => undefined);
  const uploadId = randomUUID();
  const target = uploadFilePath(uploadId);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max)
        return done(
          new AppError(
            "too_large",
            `The file is larger than ${Math.round(max / 1024 ** 2).toLocaleString("en")} MB: split it, or import it with the command line (npm run tailor -- import …).`,
          ),
        );
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(opts.body as WebReadableStream<Uint8Array>),
      limit,
      createWriteStream(target, { mode: privateFileMode }),
    );
  } catch (e) {
    await rm(target, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", "The upload was interrupted before the whole file arrived. Try again.");
  }
  if (size === 0) {
    await rm(target, { force: true });
    throw new AppError("unprocessable", `"${opts.fileName}" is empty: choose the exported file again.`);
  }
  const meta: UploadMeta = { fileName: opts.fileName, size, userId: opts.userId, createdAt: new Date().toISOString() };
  await writeFile(uploadMetaPath(uploadId), JSON.stringify(meta), { mode: privateFileMode });
  return { uploadId, size };
}
