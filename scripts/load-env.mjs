// Reads .env.local (KEY=value lines) into process.env without overriding what is already set.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const ENV_FILE = path.resolve(import.meta.dirname, "..", ".env.local");

/** Creates .env.local with a generated NEXTAUTH_SECRET when it is absent. */
export function ensureEnvFile() {
  if (fs.existsSync(ENV_FILE)) return false;
  const lines = [
    "# Written by npm start on first run. Edit to point Tailor elsewhere.",
    `NEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}`,
    "# DATABASE_URL=postgresql://user:password@host:5432/tailor   (unset: the local server, see README)",
    "# REDIS_URL=redis://127.0.0.1:6379",
    "# SMTP_URL=smtp://user:pass@smtp.example.com:587",
  ];
  fs.writeFileSync(ENV_FILE, lines.join("\n") + "\n", { mode: 0o600 });
  return true;
}

export function loadEnvFile(file = ENV_FILE) {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
}
