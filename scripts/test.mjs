// npm test: install what is missing (dependencies, Debian's Chromium), then, side by side, the
// unit + integration tests (vitest, real Postgres and Redis), format, lint and typecheck, and the
// production build followed by the browser tests (Playwright).
// Also installs Debian's python3-sklearn when missing (the K-Means reference test uses it).
// Options: --skip-e2e, --only-e2e.
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
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

/** The CPU seconds (user + system) of a shell's children, from the two lines `times` printed. */
function cpuSeconds(timesFile) {
  try {
    const children = fs.readFileSync(timesFile, "utf8").trim().split("\n").at(-1) ?? "";
    fs.rmSync(timesFile, { force: true });
    const total = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, m, s]) => sum + Number(m) * 60 + Number(s), 0);
    return `${total.toFixed(0)} s`;
  } catch {
    return "unknown";
  }
}

/** Runs the steps one after another, each line prefixed with the lane's name; resolves to the failure or null. */
function runLane(name, steps) {
  const prefix = `[${name}] `;
  const print = (stream) => {
    let rest = "";
    return (chunk) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) stream.write(prefix + line + "\n");
    };
  };
  return steps.reduce(
    (previous, [title, cmd, extraEnv = {}]) =>
      previous.then(
        (failure) =>
          failure ??
          new Promise((resolve) => {
            const started = Date.now();
            console.log(`\n${prefix}▶ ${title}: ${cmd}`);
            // The shell reports the CPU time its children used (`times`): the figure that says what a
            // step costs on a shared, noisy machine, where wall time depends on the neighbours.
            const timesFile = path.join(os.tmpdir(), `tailor-test-times-${process.pid}-${name}`);
            const child = spawn("bash", ["-c", `${cmd}\nrc=$?\ntimes > '${timesFile}'\nexit $rc`], {
              cwd: root,
              env: { ...env, ...extraEnv },
              stdio: ["ignore", "pipe", "pipe"],
            });
            child.stdout.on("data", print(process.stdout));
            child.stderr.on("data", print(process.stderr));
            child.on("close", (code) => {
              const figures = `${((Date.now() - started) / 1000).toFixed(0)} s, CPU ${cpuSeconds(timesFile)}`;
              if (code === 0) {
                console.log(`${prefix}✓ ${title} (${figures})`);
                resolve(null);
              } else {
                console.log(`${prefix}✗ ${title} failed (exit ${code}, ${figures})`);
                resolve(`${title} failed`);
              }
            });
          }),
      ),
    Promise.resolve(null),
  );
}

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

  step("Services", "npx tsx scripts/check-services.ts");

  // Lanes side by side, each line prefixed with its lane's name. The unit and integration tests
  // mostly wait on Postgres, Redis, SMTP and child processes, and so do the browser tests: on two
  // cores the static checks and the production build fit beside them. [checks] conflict markers,
  // format, lint, import cycles · [vitest] unit and integration tests · [build] the production
  // build, then [e2e] the browser tests beside [types] tsc. tsc runs after the build so that it
  // checks the route types the build generates; the build skips its own type check, which would
  // repeat tsc's and leave out the test files.
  const lanes = [];
  const build = !args.includes("--skip-e2e");
  const typecheck = ["Typecheck", "npx tsc --noEmit"];
  if (!args.includes("--only-e2e")) {
    lanes.push(
      runLane("checks", [
        ["Conflict markers", "node scripts/check-conflict-markers.mjs"],
        ["Format", "npx prettier --check ."],
        ["Lint", "npx eslint --max-warnings=0 ."],
        // Import cycles with dpdm (seconds), not eslint's import/no-cycle, which took 93 % of the lint time.
        ["Import cycles", "npm run lint:cycles"],
        ...(build ? [] : [typecheck]),
      ]),
      runLane("vitest", [["Unit and integration tests", "npx vitest run"]]),
    );
  }
  if (build) {
    const tscAfter = !args.includes("--only-e2e");
    lanes.push(
      runLane("build", [["Build", "npx next build", tscAfter ? { TAILOR_BUILD_SKIP_TYPECHECK: "1" } : {}]]).then(async (failure) => {
        if (failure) return [failure];
        return Promise.all([runLane("e2e", [["Browser tests", "npx playwright test"]]), tscAfter ? runLane("types", [typecheck]) : null]);
      }),
    );
  }
  const failed = (await Promise.all(lanes)).flat().filter((failure) => failure !== null);
  if (failed.length > 0) throw new Error(failed.join("; "));
  console.log(
    `\nAll tests passed (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}).`,
  );
} catch (e) {
  console.error(`\nnpm test failed: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
  process.exit(1);
}
