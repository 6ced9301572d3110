import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setEnv } from "../../env";
import { buildZip } from "../../../test/write-zip";

const dir = mkdtempSync(path.join(os.tmpdir(), "tailor-erase-uploads-"));
setEnv({ UPLOAD_DIR: dir });
const { deleteUploadsMentioning } = await import("./delete-uploads-mentioning");

describe("deleteUploadsMentioning", () => {
  it("deletes the uploads (and their metadata) that name the person, and only those", async () => {
    writeFileSync(path.join(dir, "a.upload"), "email,name\nANN@example.com,Ann Lee\n");
    writeFileSync(path.join(dir, "a.json"), "{}");
    writeFileSync(path.join(dir, "b.upload"), "email\nbob@example.com\nid\n912345\n");
    // A large file where the address straddles a 1 MB chunk boundary.
    writeFileSync(path.join(dir, "c.upload"), `${"x".repeat((1 << 20) - 5)},ann@example.com\n`);
    expect(await deleteUploadsMentioning({ needles: ["ann@example.com", "12345"] })).toBe(2);
    expect(existsSync(path.join(dir, "a.upload"))).toBe(false);
    expect(existsSync(path.join(dir, "a.json"))).toBe(false);
    expect(existsSync(path.join(dir, "c.upload"))).toBe(false);
    // "12345" inside "912345" is another person's id.
    expect(existsSync(path.join(dir, "b.upload"))).toBe(true);
  });

  it("reads ZIP uploads entry by entry, and deletes the unpacked folder of a ZIP import under way", async () => {
    const csv = "Email Address,First Name\ncara@example.com,Cara\n";
    writeFileSync(path.join(dir, "z.upload"), buildZip([{ name: "subscribed_members_export.csv", content: csv, deflate: true }]));
    writeFileSync(
      path.join(dir, "y.upload"),
      buildZip([{ name: "subscribed_members_export.csv", content: "Email Address\ndan@example.com\n", deflate: true }]),
    );
    const unpacked = path.join(dir, "unpacked", "tailor-mailchimp-abc");
    mkdirSync(unpacked, { recursive: true });
    writeFileSync(path.join(unpacked, "0.csv"), csv);
    expect(await deleteUploadsMentioning({ needles: ["cara@example.com"] })).toBe(2);
    expect(existsSync(path.join(dir, "z.upload"))).toBe(false);
    expect(existsSync(unpacked)).toBe(false);
    expect(existsSync(path.join(dir, "y.upload"))).toBe(true);
  });
});
