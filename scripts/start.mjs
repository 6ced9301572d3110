// npm start: install what is missing, write .env.local, migrate, load demo data on first run,
// build, then serve the web app and the workers together. Options: --no-demo, --no-build, --port N.
import { execSync, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const port = Number(args[args.indexOf("--port") + 1]) || Number(process.env.PORT) || 3000;

execSync("node scripts/ensure-deps.mjs", { cwd: root, stdio: "inherit" });
try {
  execSync("npx tsx scripts/ensure-secret.ts", { cwd: root, stdio: "inherit" });
} catch {
  process.exit(1);
}
const { loadEnvFile } = await import("./load-env.mjs");
loadEnvFile();
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

try {
  execSync("npx tsx scripts/check-services.ts", { cwd: root, stdio: "inherit", env: process.env });
} catch {
  process.exit(1);
}

const demo = !flag("--no-demo") && process.env.TAILOR_DEMO !== "0";
console.log("Preparing the database…");
let prepared;
try {
  const out = execSync(`npx tsx scripts/prepare.ts${demo ? " --demo" : ""}`, {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: process.env,
  });
  const lines = out.toString().trim().split("\n");
  prepared = JSON.parse(lines.pop() ?? "{}");
  if (lines.length) console.log(lines.join("\n"));
} catch {
  process.exit(1);
}

if (!flag("--no-build")) {
  console.log("Building the web app (next build)…");
  execSync("npx next build", { cwd: root, stdio: "inherit", env: process.env });
}

const children = [];
function launch(name, command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: "inherit", env: process.env, detached: true });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping Tailor.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

// Only this machine can reach Tailor unless --host says otherwise (e.g. --host 0.0.0.0 behind a proxy).
const host = args.includes("--host") ? args[args.indexOf("--host") + 1] : "127.0.0.1";
launch("web app", "npx", ["next", "start", "-p", String(port), "-H", host]);
launch("workers", "npx", ["tsx", "workers/index.ts"]);
launch("tracking API", "npx", ["tsx", "tracking-server/index.ts"]);

const url = `http://${host === "127.0.0.1" ? "localhost" : host}:${port}`;
console.log(`\nTailor is running at ${url}`);
console.log(
  `Tracking API (Segment-compatible): http://localhost:${process.env.INGEST_PORT || 3030}/api/v1 — create keys on the API keys page (/api-keys)`,
);
console.log(
  process.env.SMTP_URL
    ? `Email goes out through SMTP_URL.`
    : `Email goes to the development Outbox (an SMTP server on 127.0.0.1:${process.env.OUTBOX_SMTP_PORT || 2525}, run by the workers): ${url}/outbox — set SMTP_URL in .env.local to deliver for real.`,
);
if (prepared?.logins?.length) {
  console.log("Demo logins:");
  for (const l of prepared.logins) console.log(`  ${l.role.padEnd(9)} ${l.email}  password: ${l.password}`);
  console.warn(
    "Warning: the demo logins above have a published password and are for the demo data only. Anyone who can reach this server can sign in with them: delete them on the Users page before serving real data or using --host.",
  );
} else if (prepared?.users === 0) {
  console.log(`No users yet: open ${url} to create the first admin.`);
}
console.log("Press Ctrl+C to stop.\n");
