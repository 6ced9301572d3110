import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    "import/no-cycle": ["error", { maxDepth: 3, ignoreExternal: true }],
    "@typescript-eslint/no-explicit-any": "error",
    "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
  },
};

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  ...nextVitals,
  ...nextTs,
  boundaries,
];

export default config;
