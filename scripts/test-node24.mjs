// npm run test:node24 [-- <vitest args>]: the unit and integration tests (vitest) under Node 24.
// Node 24 comes from the npm registry's `node` package, installed once into .tailor/node24 (ignored
// by git); its bin folder goes first on PATH, so vitest, its workers and every child process (the
// CLI, the worker) run on it. Needs PostgreSQL and Redis, as `npm test` does.
import { execFileSync, execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const NODE_VERSION = "24.21.0";
const root = path.resolve(import.meta.dirname, "..");
const prefix = path.join(root, ".tailor", "node24");
const bin = path.join(prefix, "node_modules", ".bin");
const node = path.join(bin, "node");

const installed = () => {
  try {
    return execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
};

if (installed() !== `v${NODE_VERSION}`) {
  console.log(`Installing Node ${NODE_VERSION} from the npm registry into ${path.relative(root, prefix)}…`);
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(path.join(prefix, "package.json"), JSON.stringify({ name: "tailor-node24", private: true }) + "\n");
  execSync(`npm install --no-audit --no-fund --save-exact node@${NODE_VERSION}`, { cwd: prefix, stdio: "inherit" });
}
const version = installed();
if (version !== `v${NODE_VERSION}`) throw new Error(`Node ${NODE_VERSION} did not install into ${prefix} (got ${version}).`);

const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, NEXT_TELEMETRY_DISABLED: "1" };
delete env.NODE_ENV;
console.log(`Unit and integration tests on Node ${version}`);
try {
  execFileSync(node, [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env,
  });
} catch {
  process.exit(1);
}
