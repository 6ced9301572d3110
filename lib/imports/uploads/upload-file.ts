import type { ErrorBody } from "../../errors";
import { ApiError } from "../../query/fetch-json";
import type { UploadPreview } from "./schemas";

/**
 * Sends a file to POST /api/v1/uploads as the raw request body (client side), reporting upload
 * progress (0–100). XMLHttpRequest, because fetch() cannot report upload progress.
 */
export function uploadFile(opts: { file: File; onProgress: (percent: number) => void; signal?: AbortSignal }): Promise<UploadPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/uploads?name=${encodeURIComponent(opts.file.name)}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && opts.onProgress((100 * e.loaded) / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.response as UploadPreview);
      const body = xhr.response as ErrorBody | null;
      reject(
        new ApiError(
          xhr.status,
          body?.error?.code ?? "unknown",
          body?.error?.message ?? `The upload failed (HTTP ${xhr.status}). Try again.`,
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "The upload stopped: Tailor's server did not answer. Check your connection and try again."));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "Upload cancelled."));
    opts.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(opts.file);
  });
}

/** POST JSON to our API (client side); errors carry the server's message. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Tailor's server did not answer. Check that it is running and that you are online, then retry.");
  }
  const json = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!response.ok)
    throw new ApiError(response.status, json?.error?.code ?? "unknown", json?.error?.message ?? `The server answered ${response.status}.`);
  return json as T;
}
