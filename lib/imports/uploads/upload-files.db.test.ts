import { existsSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { setEnv } from "../../env";

const dir = mkdtempSync(path.join(os.tmpdir(), "tailor-upload-files-"));
setEnv({ UPLOAD_DIR: dir });
const { receiveUpload } = await import("./receive-upload");
const { deleteStaleUploads } = await import("./delete-stale-uploads");

const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
function oldFile(name: string, content = "email\nx@y.test\n"): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  utimesSync(file, twoDaysAgo, twoDaysAgo);
  return file;
}

describe("uploaded files", () => {
  it("are written readable by their owner only (0600, in a 0700 folder)", async () => {
    const { uploadId } = await receiveUpload({ body: new Response("email\nann@x.test\n").body, fileName: "a.csv", userId: null });
    expect(statSync(path.join(dir, `${uploadId}.upload`)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, `${uploadId}.json`)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);
  });

  it("older than a day are deleted, with unpacked ZIP folders, except those a queued import still reads", async () => {
    const stale = oldFile("11111111-1111-4111-8111-111111111111.upload");
    const staleMeta = oldFile("11111111-1111-4111-8111-111111111111.json", "{}");
    const queued = oldFile("22222222-2222-4222-8222-222222222222.upload");
    await db.importJob.create({
      data: { kind: "customers", fileName: "q.csv", status: "queued", options: { uploadId: "22222222-2222-4222-8222-222222222222" } },
    });
    const fresh = path.join(dir, "33333333-3333-4333-8333-333333333333.upload");
    writeFileSync(fresh, "email\n");
    const unpacked = path.join(dir, "unpacked", "tailor-mailchimp-old");
    mkdirSync(unpacked, { recursive: true });
    writeFileSync(path.join(unpacked, "0.csv"), "email\nann@x.test\n");
    utimesSync(unpacked, twoDaysAgo, twoDaysAgo);

    expect(await deleteStaleUploads()).toBe(3);
    expect([stale, staleMeta, unpacked].map(existsSync)).toEqual([false, false, false]);
    expect([queued, fresh].map(existsSync)).toEqual([true, true]);
  });
});
