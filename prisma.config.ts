import path from "node:path";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./lib/env";

// Prisma's CLI downloads a native schema engine on every command, which fails without internet.
// generate/validate/format never run it, so point it at a stub that explains what to use instead:
// migrations here run through @prisma/schema-engine-wasm (scripts/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts", "no-schema-engine.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL },
});
