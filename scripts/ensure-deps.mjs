// Installs what is missing before start/test/CLI: node_modules (npm install, never npm ci: see
// docs/decisions/001) and the generated Prisma client when the schema changed since it was generated.
import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const run = (cmd) =>
  execSync(cmd, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

const installed = path.join(root, "node_modules", ".package-lock.json");
if (!fs.existsSync(installed) || mtime(path.join(root, "package.json")) > mtime(installed)) {
  console.error("Installing dependencies (npm install)…");
  run("npm install --no-audit --no-fund");
}

const schema = fs.readFileSync(path.join(root, "prisma", "schema.prisma"));
const hash = createHash("sha256").update(schema).digest("hex");
const marker = path.join(root, "lib", "generated", "prisma", ".schema-hash");
if (!fs.existsSync(marker) || fs.readFileSync(marker, "utf8") !== hash) {
  run("npx prisma generate");
  fs.writeFileSync(marker, hash);
}
