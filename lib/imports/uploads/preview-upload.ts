import { open } from "node:fs/promises";
import { detectCsvFormat } from "../csv/detect-csv-format";
import { openFileSource } from "../csv/open-file-source";
import { guessDateOrder } from "../csv/parse-date";
import { readCsvRecords, readSample } from "../csv/read-csv-records";
import { looksLikeZip } from "../formats/mailchimp/extract-mailchimp-zip";
import type { ImportKind } from "../format-schemas";
import type { UploadPreview } from "./schemas";
import { suggestMapping } from "./suggest-mapping";
import { uploadFilePath, type UploadMeta } from "./upload-paths";

const PREVIEW_ROWS = 8;
const DATE_SAMPLE_ROWS = 2000;
const DATE_LIKE = /^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/;

function detectKind(header: string[]): ImportKind | null {
  const has = (...cols: string[]) => cols.every((c) => header.includes(c));
  if (has("InvoiceNo", "StockCode", "InvoiceDate", "CustomerID")) return "online-retail";
  if (has("Name", "Email", "Lineitem quantity", "Lineitem price")) return "shopify-orders";
  if (has("Email", "Accepts Email Marketing") || has("Customer ID", "Email", "Default Address City")) return "shopify-customers";
  if (has("Email Address", "MEMBER_RATING") || has("Email Address", "OPTIN_TIME")) return "mailchimp";
  const lower = header.map((h) => h.trim().toLowerCase());
  if (lower.includes("sku") && lower.includes("name") && (lower.includes("url") || lower.includes("image_url"))) return "product-catalogue";
  const hasLower = (...cols: string[]) => cols.every((c) => lower.includes(c));
  if (hasLower("purpose", "status", "occurred_at") && (lower.includes("email") || lower.includes("customer_id"))) return "consent";
  if (lower[0] === "email" && lower.every((c) => ["email", "reason", "note"].includes(c)) && lower.includes("reason"))
    return "suppressions";
  return null;
}

/**
 * What the upload page shows before the import starts: the file's encoding and delimiter, its
 * header, the first rows, suggested mappings, the day/month order of date-like columns (null when
 * the first rows read both ways), and the import kind the header looks like.
 */
export async function previewUpload(opts: { uploadId: string; meta: UploadMeta }): Promise<UploadPreview> {
  const filePath = uploadFilePath(opts.uploadId);
  const base = { uploadId: opts.uploadId, fileName: opts.meta.fileName, size: opts.meta.size };
  const handle = await open(filePath, "r");
  const head = Buffer.alloc(4);
  await handle.read(head, 0, 4, 0).finally(() => handle.close());
  if (looksLikeZip(head)) {
    return {
      ...base,
      kind: "zip",
      header: [],
      rows: [],
      suggestions: { customers: {}, orders: {}, events: {} },
      dates: [],
      detectedKind: "mailchimp",
    };
  }
  const source = await openFileSource(filePath, opts.meta.fileName);
  const format = detectCsvFormat(await readSample(source.open), { fileName: opts.meta.fileName });
  let header: string[] = [];
  const rows: string[][] = [];
  const samples = new Map<string, string[]>();
  for await (const rec of readCsvRecords({ open: source.open, format, onHeader: (h) => (header = h) })) {
    if (rows.length < PREVIEW_ROWS) rows.push(header.map((h) => rec.values[h] ?? ""));
    for (const h of header) {
      const v = rec.values[h] ?? "";
      if (DATE_LIKE.test(v)) samples.set(h, [...(samples.get(h) ?? []), v]);
    }
    if (rec.rowNumber >= DATE_SAMPLE_ROWS) break;
  }
  const dates = [...samples].map(([column, values]) => ({ column, ...guessDateOrder(values) }));
  return {
    ...base,
    kind: "csv",
    encoding: format.encoding,
    delimiter: format.delimiter,
    header,
    rows,
    suggestions: {
      customers: suggestMapping(header, "customers"),
      orders: suggestMapping(header, "orders"),
      events: suggestMapping(header, "events"),
    },
    dates,
    detectedKind: detectKind(header),
  };
}
