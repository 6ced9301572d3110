import type { RejectedField } from "../../create-rejection-recorder";
import { importCsvInBatches } from "../../csv/import-csv-in-batches";
import { parseDecimal } from "../../csv/parse-decimal";
import type { ImporterOptions, ImporterResult } from "../../importer";

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
  const counts = await importCsvInBatches<ProductRow>(opts, {
    applicationName: "tailor-import-products",
    header: { what: "a product catalogue (columns sku, name, category, price, url, image_url)", required: ["sku"] },
    batchSize: CHUNK,
    read(values, problems) {
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
      return { sku, name: values.name || null, category: values.category || null, price, url, imageUrl };
    },
    async write(batch, { client, counts }) {
      // A SKU twice in a batch: the later row's values win (one statement cannot update a row twice).
      const rows = [...new Map(batch.map((r) => [r.value.sku, r.value])).values()];
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
    },
  });
  return { counts, details: {} };
}
