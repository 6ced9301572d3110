import { env } from "../env";

/** The installation's address for links in emails: `baseUrl` if given, else NEXTAUTH_URL, else http://localhost:3000 (no trailing slash). */
export function installationUrl(baseUrl?: string): string {
  return (baseUrl ?? env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
