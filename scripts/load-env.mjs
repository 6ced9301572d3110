// Reads .env.local into process.env without overriding what is already set (the same file and
// rules as lib/env.ts, which every Tailor process reads it through).
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

export const ENV_FILE = path.resolve(import.meta.dirname, "..", ".env.local");

export function loadEnvFile(file = ENV_FILE) {
  if (!fs.existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, "utf8")))) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}
