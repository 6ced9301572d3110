import { describe, expect, it } from "vitest";
import { writeTestFile } from "../test/import-test-file";
import { tailor } from "./test-helpers/run-cli";

describe("tailor import with the other formats", { timeout: 180_000 }, () => {
  it("imports a mapped CSV and a Shopify customer export, and explains a bad mapping", async () => {
    const people = await writeTestFile("people.csv", "Mail;Given\nann@example.com;Ann\nnope;Bob\n");
    const mapping = await writeTestFile(
      "mapping.json",
      JSON.stringify({ target: "customers", columns: { Mail: "email", Given: "first_name" } }),
    );
    const run = await tailor("import", "csv", people, "--mapping", mapping);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imported\s+1\s+records/);
    expect(run.stdout).toMatch(/row 2, Mail: not an email address: "nope"/);

    const shopify = await writeTestFile(
      "customers_export.csv",
      "Customer ID,Email,First Name,Accepts Email Marketing\n1,ann@example.com,Ann,yes\n",
    );
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
