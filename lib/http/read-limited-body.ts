import { AppError } from "../errors";

/** The largest JSON body a route handler reads (the tracking API has Segment's own limits). */
export const maxJsonBodyBytes = 1024 * 1024;

/**
 * Reads at most `limit` + 1 bytes of a request body: with `tooLarge` set, a body over the limit
 * (by its Content-Length, or once that many bytes have streamed in) is refused with 413 before more
 * is read; without it, the bytes read so far are returned for the caller to judge.
 */
export async function readLimitedBody(request: Request, limit: number, tooLarge?: string): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (tooLarge && declared > limit) throw new AppError("too_large", tooLarge);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      if (tooLarge) throw new AppError("too_large", tooLarge);
      break;
    }
  }
  return Buffer.concat(chunks);
}
