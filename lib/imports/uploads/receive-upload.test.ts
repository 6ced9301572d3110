import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../../env";
import { buildZip } from "../../../test/write-zip";
import { previewUpload } from "./preview-upload";
import { readUploadMeta } from "./read-upload-meta";
import { receiveUpload } from "./receive-upload";
import { uploadFilePath } from "./upload-paths";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tailor-upload-test-"));
  setEnv({ UPLOAD_DIR: dir });
});

/** A request body delivered in small chunks, as the network does. */
function body(text: string | Buffer, chunk = 7): ReadableStream<Uint8Array> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8");
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + chunk)));
      at += chunk;
    },
  });
}

describe("receiving an upload", () => {
  it("streams the body to disk and previews it: delimiter, header, rows, suggestions, date order, kind", async () => {
    const csv = "Email;Accepts Email Marketing;Customer ID;Created\r\na@example.com;yes;1;03/04/2024\r\nb@example.com;no;2;05/06/2024\r\n";
    const { uploadId, size } = await receiveUpload({ body: body(csv), fileName: "customers.csv", userId: null });
    expect(size).toBe(Buffer.byteLength(csv));
    expect(await readFile(uploadFilePath(uploadId), "utf8")).toBe(csv);
    const preview = await previewUpload({ uploadId, meta: await readUploadMeta({ uploadId }) });
    expect(preview).toMatchObject({
      kind: "csv",
      encoding: "utf-8",
      delimiter: ";",
      header: ["Email", "Accepts Email Marketing", "Customer ID", "Created"],
      detectedKind: "shopify-customers",
    });
    expect(preview.rows).toEqual([
      ["a@example.com", "yes", "1", "03/04/2024"],
      ["b@example.com", "no", "2", "05/06/2024"],
    ]);
    expect(preview.suggestions.customers).toMatchObject({
      Email: "email",
      "Accepts Email Marketing": "email_consent",
      "Customer ID": "external_id",
      Created: "signed_up_at",
    });
    expect(preview.dates).toEqual([{ column: "Created", order: null, example: "03/04/2024" }]);
  });

  it("recognises a Mailchimp ZIP", async () => {
    const zip = buildZip([{ name: "subscribed_members_export_1.csv", content: '"Email Address",MEMBER_RATING\na@example.com,2\n' }]);
    const { uploadId } = await receiveUpload({ body: body(zip, 64), fileName: "audience.zip", userId: null });
    expect(await previewUpload({ uploadId, meta: await readUploadMeta({ uploadId }) })).toMatchObject({
      kind: "zip",
      detectedKind: "mailchimp",
      header: [],
    });
  });

  it("refuses a file over the limit and keeps nothing of it", async () => {
    const before = await readdir(dir);
    await expect(receiveUpload({ body: body("x".repeat(100)), fileName: "big.csv", userId: null, maxBytes: 50 })).rejects.toThrow(
      /larger than/,
    );
    expect(await readdir(dir)).toEqual(before);
  });

  it("refuses an empty body and says an unknown upload is gone", async () => {
    await expect(receiveUpload({ body: body(""), fileName: "empty.csv", userId: null })).rejects.toThrow(/is empty/);
    await expect(readUploadMeta({ uploadId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(/no longer there/);
  });
});
