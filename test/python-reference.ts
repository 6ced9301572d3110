import { execFileSync } from "node:child_process";
import { harnessEnv } from "../lib/env";

/** Debian's Python with python3-sklearn (installed by `npm test`), for reference tests. */
export const PYTHON = harnessEnv().SKLEARN_PYTHON ?? "/usr/bin/python3";

/** Whether PYTHON can import the module (e.g. "sklearn.cluster", "scipy.cluster.hierarchy"). */
export function pythonHas(module: string): boolean {
  try {
    execFileSync(PYTHON, ["-c", `import ${module}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs a Python snippet with JSON on stdin; parses its JSON output. */
export function runPython<T>(script: string, input: unknown): T {
  return JSON.parse(execFileSync(PYTHON, ["-c", script], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 })) as T;
}
