// npm test: install what is missing (dependencies, Debian's Chromium), then lint, typecheck,
// unit + integration tests (vitest, real Postgres and Redis), build, and browser tests (Playwright).
// Also installs Debian's python3-sklearn when missing (the K-Means reference test uses it).
// Options: --skip-e2e, --only-e2e.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: undefined };
delete env.NODE_ENV;
const step = (title, cmd, extraEnv = {}) => {
  const started = Date.now();
  console.log(`\n▶ ${title}: ${cmd}`);
  execSync(cmd, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
};

try {
  execSync("node scripts/ensure-deps.mjs", { cwd: root, stdio: "inherit" });

  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!args.includes("--skip-e2e") && !fs.existsSync(chromium)) {
    if (process.getuid?.() !== 0) {
      throw new Error(`Chromium is missing at ${chromium}. Install it with: sudo apt-get update && sudo apt-get install -y chromium`);
    }
    step("Install Chromium (Debian package)", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium");
  }

  // The K-Means reference test compares with scikit-learn: Debian's python3-sklearn, via /usr/bin/python3
  // (it brings python3-scipy, which the experiment statistics are checked against).
  const python = process.env.SKLEARN_PYTHON ?? "/usr/bin/python3";
  const hasSklearn = () => {
    try {
      execSync(`${python} -c "import sklearn"`, { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  if (!args.includes("--only-e2e") && !hasSklearn()) {
    if (process.getuid?.() !== 0) {
      throw new Error(
        `scikit-learn is missing for ${python}. Install it with: sudo apt-get update && sudo apt-get install -y python3-sklearn`,
      );
    }
    step(
      "Install scikit-learn (Debian package)",
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn",
    );
  }

  const { checkServices } = await import("./check-services.mjs");
  const problems = await checkServices({ REDIS_URL: process.env.REDIS_URL });
  if (problems.length) throw new Error(`Tests need PostgreSQL and Redis:\n- ${problems.join("\n- ")}`);

  if (!args.includes("--only-e2e")) {
    step("Format", "npx prettier --check .");
    step("Lint", "npx eslint --max-warnings=0 .");
    step("Typecheck", "npx tsc --noEmit");
    step("Unit and integration tests", "npx vitest run");
  }
  if (!args.includes("--skip-e2e")) {
    step("Build", "npx next build");
    step("Browser tests", "npx playwright test");
  }
  console.log("\nAll tests passed.");
} catch (e) {
  console.error(`\nnpm test failed: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
  process.exit(1);
}
