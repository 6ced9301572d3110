import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildZip } from "../../../../test/write-zip";
import { extractMailchimpZip } from "./extract-mailchimp-zip";

let parent: string;
beforeEach(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), "tailor-zip-test-"));
});
afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

function writeZip(entries: Parameters<typeof buildZip>[0]): string {
  const file = path.join(parent, "export.zip");
  fs.writeFileSync(file, buildZip(entries));
  return file;
}
/** What is left in the temporary folder's parent besides the ZIP itself. */
const leftovers = () => fs.readdirSync(parent).filter((f) => f !== "export.zip");
const csv = "Email Address,First Name\nann@example.com,Ann\n";

describe("extractMailchimpZip", () => {
  it("unpacks the audience files, deflated or stored", async () => {
    const zip = writeZip([
      { name: "cleaned_members_export.csv", content: csv, deflate: true },
      { name: "subscribed_members_export.csv", content: csv },
    ]);
    const { dir, files } = await extractMailchimpZip(zip, { tempParent: parent });
    expect(files.map((f) => f.name)).toEqual(["subscribed_members_export.csv", "cleaned_members_export.csv"]);
    expect(fs.readFileSync(files[1]!.path, "utf8")).toBe(csv);
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses a ZIP bomb (an entry compressed thousands of times) and leaves no folder behind", async () => {
    const zip = writeZip([{ name: "subscribed_members_export.csv", content: Buffer.alloc(20 * 1024 * 1024, 0x30), deflate: true }]);
    await expect(extractMailchimpZip(zip, { tempParent: parent })).rejects.toThrow(/compressed \d+ times \(at most 200 times/);
    expect(leftovers()).toEqual([]);
  });

  it("caps the unpacked size in all", async () => {
    const zip = writeZip([
      { name: "subscribed_members_export.csv", content: "x".repeat(600) },
      { name: "unsubscribed_members_export.csv", content: "x".repeat(600) },
    ]);
    await expect(extractMailchimpZip(zip, { tempParent: parent, limits: { maxBytes: 1000, maxRatio: 200 } })).rejects.toMatchObject({
      code: "too_large",
      message: expect.stringMatching(/unpack to more than/),
    });
    expect(leftovers()).toEqual([]);
  });

  it("is not fooled by a header that declares a smaller size than the entry unpacks to, and deletes what it wrote", async () => {
    const zip = writeZip([
      { name: "subscribed_members_export.csv", content: csv },
      { name: "unsubscribed_members_export.csv", content: "y".repeat(50_000), deflate: true, declaredSize: 500 },
    ]);
    await expect(extractMailchimpZip(zip, { tempParent: parent })).rejects.toThrow(/cannot be unpacked/);
    expect(leftovers()).toEqual([]);
  });
});
