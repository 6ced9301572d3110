import type { ErrorBody } from "../errors";

/** An API error as the client sees it: the server's message, meant for the user. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** GET a JSON resource of our API; non-2xx responses become ApiError with the server's message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiError(0, "network", "Tailor's server did not answer. Check that it is running and that you are online, then retry.");
  }
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const message =
    body?.error?.message ?? `The server answered ${response.status}. Reload the page; if it keeps happening, check the server log.`;
  throw new ApiError(response.status, body?.error?.code ?? "unknown", message);
}
