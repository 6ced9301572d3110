import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "..", "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe("package.json", () => {
  it("pins every dependency to an exact version (no ranges), so every install gets the tested set", () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    const ranges = Object.entries(all).filter(([, version]) => !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version));
    expect(ranges).toEqual([]);
  });

  it("keeps the Prisma CLI and client on the same version", () => {
    expect(pkg.dependencies["@prisma/client"]).toBe(pkg.dependencies.prisma);
  });
});
