import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";

/** A file to read (possibly more than once: a sample, then the whole), with how far the last read got. */
export interface ByteSource {
  name: string;
  open(): Readable;
  /** 0–1: share of the bytes the latest open() has read. */
  fraction(): number;
}

export async function openFileSource(filePath: string, name = filePath): Promise<ByteSource> {
  const { size } = await stat(filePath);
  let current: ReturnType<typeof createReadStream> | undefined;
  return {
    name,
    open() {
      current = createReadStream(filePath, { highWaterMark: 256 * 1024 });
      return current;
    },
    fraction: () => (current && size > 0 ? Math.min(1, current.bytesRead / size) : 0),
  };
}
