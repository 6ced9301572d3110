import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setEnv } from "../env";

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
});
