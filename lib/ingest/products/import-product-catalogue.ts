import { createRejectionRecorder, type RejectedField } from "../create-rejection-recorder";
import { openFileSource } from "../csv/open-file-source";
import { parseDecimal } from "../csv/parse-decimal";
import { readCsvRecords } from "../csv/read-csv-records";
import { requireColumns } from "../csv/require-columns";
import type { ImporterOptions, ImporterResult } from "../importer";
import { openPgClient } from "../open-pg-client";

/** The columns of a product catalogue file; sku is required, the others fill what they name. */
export const productCatalogueColumns = ["sku", "name", "category", "price", "url", "image_url"] as const;

interface ProductRow {
  sku: string;
  name: string | null;
  category: string | null;
  price: string | null;
  url: string | null;
  imageUrl: string | null;
}

const CHUNK = 5000;

function readUrl(value: string, field: string, problems: RejectedField[]): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url.toString();
  } catch {
    // reported below
  }
  problems.push({ field, reason: `not a web address (http:// or https://): "${value.slice(0, 80)}"` });
  return null;
}

/**
 * `product-catalogue`: a CSV with sku, name, category, price, url, image_url (headers in any case and
 * order; only sku is required). Products are matched on SKU: new ones are created, known ones get the
 * values the file gives (an empty cell leaves the stored value). Recommendations, template variables and
 * the profile then show names, prices, links and images. One transaction: a failed import leaves nothing.
 */
export async function importProductCatalogue(opts: ImporterOptions): Promise<ImporterResult> {
  const source = await openFileSource(opts.filePath, opts.fileName);
  const rejections = createRejectionRecorder({ importJobId: opts.importJobId });
  const records = readCsvRecords({
    open: source.open,
    encoding: opts.options.encoding,
    fileName: source.name,
    signal: opts.signal,
    onHeader: (header) =>
      requireColumns(
        header.map((h) => h.trim().toLowerCase()),
        { what: "a product catalogue (columns sku, name, category, price, url, image_url)", required: ["sku"] },
      ),
  });
  const counts = { rowsRead: 0, imported: 0, updated: 0, alreadyPresent: 0, withoutCustomer: 0, rejected: 0 };
  const client = opts.dryRun ? null : await openPgClient({ applicationName: "tailor-import-products" });
  let chunk = new Map<string, ProductRow>();
  const write = async () => {
    if (chunk.size === 0) return;
    const rows = [...chunk.values()];
    chunk = new Map();
    if (!client) {
      counts.imported += rows.length;
      return;
    }
    const result = await client.query<{ inserted: boolean }>(
      `INSERT INTO products AS p (sku, name, category, price, url, image_url)
       SELECT u.sku, coalesce(u.name, ''), u.category, u.price, u.url, u.image_url
       FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::text[]) AS u(sku, name, category, price, url, image_url)
       ON CONFLICT (sku) DO UPDATE SET
         name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE p.name END,
         category = coalesce(excluded.category, p.category),
         price = coalesce(excluded.price, p.price),
         url = coalesce(excluded.url, p.url),
         image_url = coalesce(excluded.image_url, p.image_url)
       WHERE (p.name, p.category, p.price, p.url, p.image_url) IS DISTINCT FROM
             (CASE WHEN excluded.name <> '' THEN excluded.name ELSE p.name END, coalesce(excluded.category, p.category),
              coalesce(excluded.price, p.price), coalesce(excluded.url, p.url), coalesce(excluded.image_url, p.image_url))
       RETURNING (xmax = 0) AS inserted`,
      [
        rows.map((r) => r.sku),
        rows.map((r) => r.name),
        rows.map((r) => r.category),
        rows.map((r) => r.price),
        rows.map((r) => r.url),
        rows.map((r) => r.imageUrl),
      ],
    );
    const inserted = result.rows.filter((r) => r.inserted).length;
    counts.imported += inserted;
    counts.updated += result.rows.length - inserted;
    counts.alreadyPresent += rows.length - result.rows.length;
  };
  try {
    await client?.query("BEGIN");
    opts.progress({ phase: "reading", percent: 0, rowsRead: 0 });
    for await (const rec of records) {
      counts.rowsRead++;
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(rec.values)) values[k.trim().toLowerCase()] = (v ?? "").trim();
      const problems: RejectedField[] = [];
      const sku = values.sku ?? "";
      if (!sku) problems.push({ field: "sku", reason: "empty: every product needs its SKU" });
      let price: string | null = null;
      if (values.price) {
        price = parseDecimal(values.price);
        if (price === null) problems.push({ field: "price", reason: `not a number: "${values.price.slice(0, 40)}"` });
        else if (Number(price) < 0) problems.push({ field: "price", reason: `negative: "${values.price}"` });
      }
      const url = readUrl(values.url ?? "", "url", problems);
      const imageUrl = readUrl(values.image_url ?? "", "image_url", problems);
      if (rec.extraFields > 0) problems.push({ field: "row", reason: `${rec.extraFields} more field(s) than the header has columns` });
      if (problems.length > 0) {
        counts.rejected++;
        await rejections.add(rec.rowNumber, problems, rec.raw);
        continue;
      }
      chunk.set(sku, { sku, name: values.name || null, category: values.category || null, price, url, imageUrl });
      if (chunk.size >= CHUNK) {
        await write();
        opts.progress({ phase: "reading", percent: 95 * source.fraction(), rowsRead: counts.rowsRead });
      }
    }
    await write();
    await rejections.flush();
    opts.progress({ phase: "committing", percent: 98, rowsRead: counts.rowsRead });
    await client?.query("COMMIT");
  } catch (e) {
    await client?.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await client?.end().catch(() => undefined);
  }
  return { counts, details: {} };
}
