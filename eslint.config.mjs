import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import checkFile from "eslint-plugin-check-file";
import { tailorPlugin } from "./scripts/lint/no-server-import-in-client.mjs";

// Import boundaries (see docs/architecture.md): lib/ is the domain and never imports the shells;
// components/ never reaches the database.
const boundaries = {
  files: ["**/*.{ts,tsx,mjs}"],
  rules: {
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          {
            target: "./lib",
            from: ["./app", "./components", "./workers", "./cli"],
            message: "lib/ is the domain: it never imports app/, components/, workers/ or cli/.",
          },
          {
            target: "./components",
            from: ["./lib/db.ts", "./lib/generated"],
            message: "components/ never reaches the database: load data in app/ through lib/.",
          },
          { target: "./workers", from: ["./app", "./components"], message: "workers/ call lib/, never app/ or components/." },
        ],
      },
    ],
    "@typescript-eslint/no-explicit-any": "error",
    "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
  },
};

// Habits the codebase keeps (docs/architecture.md): one reader of process.env, no barrel files,
// no server modules in client components, kebab-case names.
const habits = {
  files: ["**/*.{ts,tsx,mjs,js}"],
  plugins: { "check-file": checkFile, tailor: tailorPlugin },
  rules: {
    "no-restricted-properties": [
      "error",
      {
        object: "process",
        property: "env",
        message: "Only lib/env.ts reads process.env: use env() (validated), harnessEnv() in tests, setEnv() to change it.",
      },
    ],
    // A barrel (index.ts re-exporting other modules) hides where things live and drags whole folders into bundles.
    "no-restricted-syntax": [
      "error",
      { selector: "ExportAllDeclaration", message: "No re-exports (barrel files): import from the module that defines it." },
      { selector: "ExportNamedDeclaration[source]", message: "No re-exports (barrel files): import from the module that defines it." },
    ],
    "tailor/no-server-import-in-client": "error",
    "check-file/filename-naming-convention": ["error", { "**/*.{ts,tsx,mjs,js}": "KEBAB_CASE" }, { ignoreMiddleExtensions: true }],
    "check-file/folder-naming-convention": [
      "error",
      { "app/**/": "NEXT_JS_APP_ROUTER_CASE", "{lib,components,workers,cli,tracking-server,scripts,test,e2e,prisma}/**/": "KEBAB_CASE" },
    ],
  },
};

// Documented exceptions to "only lib/env.ts reads process.env":
// - lib/env.ts itself;
// - scripts/: npm start/test and the benches run before (or around) the app, some before
//   dependencies are installed, and set the variables the app then reads;
// - tool configuration files (Next, Playwright, Prisma, Vitest), which their tools load on their own;
// - instrumentation.ts: Next replaces process.env.NEXT_RUNTIME at build time (it must be written so);
// - lib/env.test.ts, which tests the reader itself.
const envReaders = {
  files: ["lib/env.ts", "lib/env.test.ts", "instrumentation.ts", "scripts/**", "*.config.{ts,mjs,js}"],
  rules: { "no-restricted-properties": "off" },
};

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  ...nextVitals,
  ...nextTs,
  boundaries,
  habits,
  envReaders,
];

export default config;
