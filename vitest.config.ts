import path from "node:path";
import { defineConfig } from "vitest/config";

// Node 20 lacks Map.groupBy, which vitest 5's reporter uses to print failures.
if (!("groupBy" in Map)) {
  Object.defineProperty(Map, "groupBy", {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const map = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = map.get(k);
        if (list) list.push(item);
        else map.set(k, [item]);
      }
      return map;
    },
  });
}

const alias = { "@": path.resolve(import.meta.dirname) };
// Tests sign with a secret of their own: they never read or write the installation's .env.local.
const env = {
  TAILOR_SECRET: "tailor-test-secret-not-for-production",
  TAILOR_ENV_FILE: path.resolve(import.meta.dirname, "test", "no-env-file"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Most test files wait on Postgres, Redis, SMTP or child processes rather than compute, and each
    // db test file has its own database and queue prefix: run four at a time even on two cores
    // (vitest's default there is one, which made the suite take over ten minutes).
    maxWorkers: 4,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,app,components,workers,cli,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.{ts,tsx}", "node_modules/**"],
          environment: "node",
          env,
          // Some unit tests compare with Python references (SciPy, scikit-learn) started per test: with
          // four files at a time beside the build, starting Python alone can take over vitest's 5 s.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["{lib,app,components,workers,cli,scripts}/**/*.db.test.{ts,tsx}"],
          exclude: ["node_modules/**"],
          environment: "node",
          env,
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/setup-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
