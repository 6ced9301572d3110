import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The repository's own ESLint configuration, run on sample sources at chosen paths.
const root = path.resolve(import.meta.dirname, "..", "..");
// The import graph rules would crawl the whole repository for every sample: not what is tested here.
const eslint = new ESLint({ cwd: root, overrideConfig: { rules: { "import/no-restricted-paths": "off" } } });
const HABITS = new Set([
  "no-restricted-properties",
  "no-restricted-syntax",
  "tailor/no-server-import-in-client",
  "check-file/filename-naming-convention",
  "check-file/folder-naming-convention",
]);

async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message).filter((rule) => HABITS.has(rule) || !rule.includes("/"));
}

describe("lint habits", { timeout: 60_000 }, () => {
  it("only lib/env.ts, scripts/ and tool configs read process.env", async () => {
    const code = "export const url = process.env.DATABASE_URL;\n";
    expect(await rulesHit("lib/customers/read-url.ts", code)).toEqual(["no-restricted-properties"]);
    expect(await rulesHit("app/(app)/page-env.ts", "export const { env } = process;\n")).toEqual(["no-restricted-properties"]);
    expect(await rulesHit("test/some-helper.ts", code)).toEqual(["no-restricted-properties"]);
    expect(await rulesHit("lib/env.ts", code)).toEqual([]);
    expect(await rulesHit("scripts/bench/some-bench.ts", code)).toEqual([]);
    expect(await rulesHit("playwright.config.ts", code)).toEqual([]);
  });

  it("refuses barrel files (re-exports)", async () => {
    expect(await rulesHit("lib/customers/index.ts", 'export * from "./list-customers";\n')).toEqual(["no-restricted-syntax"]);
    expect(await rulesHit("lib/customers/all.ts", 'export { listCustomers } from "./list-customers";\n')).toEqual(["no-restricted-syntax"]);
  });

  it("keeps server modules out of client components, type imports aside", async () => {
    const client = (line: string) => `"use client";\n${line}\nexport const x = 1;\n`;
    for (const line of [
      'import { db } from "@/lib/db";',
      'import { env } from "../../lib/env";',
      'import { requireRole } from "@/lib/auth/require-role.server";',
      'import fs from "node:fs";',
      'import pg from "pg";',
      'import { PrismaClient } from "@/lib/generated/prisma/client";',
    ]) {
      expect(await rulesHit("components/forms/some-form.tsx", client(line)), line).toContain("tailor/no-server-import-in-client");
    }
    expect(await rulesHit("components/forms/some-form.tsx", client('import type { Prisma } from "@/lib/db";'))).toEqual([]);
    expect(
      await rulesHit("components/forms/some-form.tsx", client('import { segmentRulesSchema } from "@/lib/segments/schemas";')),
    ).toEqual([]);
    // Server components may.
    expect(await rulesHit("app/(app)/some/page.tsx", 'import { db } from "@/lib/db";\nexport const x = db;\n')).toEqual([]);
  });

  it("wants kebab-case file and folder names (Next's route folders allowed)", async () => {
    const code = "export const x = 1;\n";
    expect(await rulesHit("lib/customers/listCustomers.ts", code)).toEqual(["check-file/filename-naming-convention"]);
    expect(await rulesHit("lib/customerData/list-customers.ts", code)).toEqual(["check-file/folder-naming-convention"]);
    expect(await rulesHit("lib/customers/list-customers.db.test.ts", code)).toEqual([]);
    expect(await rulesHit("app/(app)/customers/[id]/_components/order-table.tsx", code)).toEqual([]);
  });
});
