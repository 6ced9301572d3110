import { describe, expect, it } from "vitest";
import { fixturePath, retailSample } from "../test/fixtures/online-retail-fixture";
import { tailor, tailorWithEnv } from "./test-helpers/run-cli";

describe("the tailor CLI", () => {
  it("imports a file, reports it, and shows the stats as JSON", async () => {
    const run = await tailor("import", "online-retail", fixturePath("retail-sample.csv"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/rows read\s+27/);
    expect(run.stdout).toMatch(/imported\s+24/);
    expect(run.stdout).toMatch(/without customer\s+3/);
    expect(run.stderr).toMatch(/Importing: 100% done/); // not a terminal: one line per step

    const stats = await tailor("stats", "--json");
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout) as { lastImport: Record<string, unknown> };
    expect(parsed).toEqual({
      data: retailSample.stored,
      lastImport: {
        id: expect.any(String),
        kind: "online-retail",
        fileName: "retail-sample.csv",
        status: "succeeded",
        ...retailSample.figures,
        finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
  });

  it("says clearly what is wrong, without a stack trace", async () => {
    const [missing, unknown, help, down] = await Promise.all([
      tailor("import", "online-retail", "/nonexistent/file.csv"),
      tailor("frobnicate"),
      tailor("help"),
      tailorWithEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5499/none" }, "stats"),
    ]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining("File not found: /nonexistent/file.csv") });
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown command: frobnicate[\s\S]*Usage:/) });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("import online-retail <file>") });
    expect(down).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("PostgreSQL is not answering at 127.0.0.1:5499 — start it with: pg_ctlcluster"),
    });
  });
});
