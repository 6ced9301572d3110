import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { tailor } from "./test-helpers/run-cli";

let dir: string;
let customerId: number;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tailor-render-"));
  customerId = (await db.customer.create({ data: { email: "zoe@x.test", firstName: "zoe" } })).id;
});

// Each run starts tsx and loads mjml: seconds apiece on a busy machine.
describe("tailor render", { timeout: 180_000 }, () => {
  it("prints a gallery template personalized for a customer, with the subject", async () => {
    const run = await tailor(
      "render",
      "lib/templates/gallery/welcome.mjml",
      "--customer",
      "zoe@x.test",
      "--subject",
      "Hi {{ customer.first_name | title_case }}",
    );
    expect(run.stderr).toContain("Subject: Hi Zoe");
    // No postal address in Settings yet: a warning that says where to set it, and the email still renders.
    expect(run.stderr).toMatch(/welcome\.mjml:\d+: warning: The organisation's postal address is not set.*Settings → Postal address/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/i);
    expect(run.stdout).toContain("Hello Zoe, we are glad you are here");
    const text = await tailor("render", "lib/templates/gallery/welcome.mjml", "--customer", String(customerId), "--text");
    expect(text.stdout).toContain("Hello Zoe, we are glad you are here");
    expect(text.stdout).not.toContain("<");
  });

  it("exits non-zero with the line and message for invalid MJML or Liquid", async () => {
    const badMjml = path.join(dir, "bad.mjml");
    await writeFile(badMjml, "<mjml>\n<mj-body>\n<mj-section>\n<mj-colum>\n</mj-colum>\n</mj-section>\n</mj-body>\n</mjml>\n");
    const mjml = await tailor("render", badMjml, "--customer", String(customerId));
    expect(mjml.code).toBe(1);
    expect(mjml.stderr).toMatch(/bad\.mjml:4(:\d+)?: .*mj-colum/);
    expect(mjml.stdout).toBe("");

    const badLiquid = path.join(dir, "liquid.mjml");
    await writeFile(
      badLiquid,
      "<mjml>\n<mj-body>\n<mj-section><mj-column>\n<mj-text>{% for x in customer.orders %}never closed</mj-text>\n</mj-column></mj-section>\n</mj-body>\n</mjml>\n",
    );
    const liquid = await tailor("render", badLiquid, "--customer", "zoe@x.test", "--subject", "{{ customer.first_name ");
    expect(liquid.code).toBe(1);
    expect(liquid.stderr).toMatch(/liquid\.mjml:4:\d+: .*not closed/i);
    expect(liquid.stderr).toMatch(/--subject:1(:\d+)?: /);
  });
});
