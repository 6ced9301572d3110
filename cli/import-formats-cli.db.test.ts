import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { writeTestFile } from "../lib/ingest/test-helpers/import-test-file";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

async function tailor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ["cli/index.ts", ...args], { cwd: root, env: process.env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("tailor import with the other formats", () => {
  it("imports a mapped CSV and a Shopify customer export, and explains a bad mapping", async () => {
    const people = await writeTestFile("people.csv", "Mail;Given\nann@example.com;Ann\nnope;Bob\n");
    const mapping = await writeTestFile("mapping.json", JSON.stringify({ target: "customers", columns: { Mail: "email", Given: "first_name" } }));
    const run = await tailor("import", "csv", people, "--mapping", mapping);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imported\s+1\s+records/);
    expect(run.stdout).toMatch(/row 2, Mail: not an email address: "nope"/);

    const shopify = await writeTestFile("customers_export.csv", "Customer ID,Email,First Name,Accepts Email Marketing\n1,ann@example.com,Ann,yes\n");
    const again = await tailor("import", "shopify-customers", shopify);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/updated\s+1/);

    const noMapping = await tailor("import", "csv", people);
    expect(noMapping).toMatchObject({ code: 2, stderr: expect.stringContaining("--mapping mapping.json") });
    const badMapping = await writeTestFile("bad.json", JSON.stringify({ target: "customers", columns: { Given: "first_name" } }));
    const bad = await tailor("import", "csv", people, "--mapping", badMapping);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/map a column to email or external_id/);
  });
});
