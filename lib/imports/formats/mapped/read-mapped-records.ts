import type { ByteSource } from "../../csv/open-file-source";
import { readCsvRecords } from "../../csv/read-csv-records";
import type { ColumnMapping, DateOrder, ImportOptions } from "../../format-schemas";

/** Header → field, inverted: field → header. */
export function columnsByField(mapping: ColumnMapping): Map<string, string> {
  return new Map(
    Object.entries(mapping.columns)
      .filter(([, f]) => f !== "")
      .map(([c, f]) => [f, c]),
  );
}

export interface MappedRecord {
  rowNumber: number;
  raw: string;
  extraFields: number;
  /** The file's column mapped to a Tailor field (what a rejection names), if any. */
  column(field: string): string | undefined;
  /** The trimmed value of the column mapped to `field`; "" when unmapped or empty. */
  get(field: string): string;
  /** The non-empty values of columns mapped to `attribute:<name>`, by name. */
  attributes: Record<string, string>;
}

/** What the mapped customer, order and event readers read: the file, its mapping, how to read it. */
export interface MappedReaderOptions {
  source: ByteSource;
  mapping: ColumnMapping;
  options: ImportOptions;
  /** How dates such as 03/04/2024 read (already decided for "auto"). */
  dateOrder: Exclude<DateOrder, "auto">;
  signal?: AbortSignal;
}

/** The CSV's records with accessors by Tailor field, for the mapped customer, order and event readers. */
export async function* readMappedRecords(opts: Omit<MappedReaderOptions, "dateOrder">): AsyncGenerator<MappedRecord> {
  const byField = columnsByField(opts.mapping);
  const records = readCsvRecords({
    open: opts.source.open,
    encoding: opts.options.encoding,
    fileName: opts.source.name,
    signal: opts.signal,
  });
  for await (const rec of records) {
    const column = (f: string) => byField.get(f);
    const attributes: Record<string, string> = {};
    for (const [c, f] of Object.entries(opts.mapping.columns)) {
      const value = (rec.values[c] ?? "").trim();
      if (f.startsWith("attribute:") && value) attributes[f.slice("attribute:".length)] = value;
    }
    yield {
      attributes,
      rowNumber: rec.rowNumber,
      raw: rec.raw,
      extraFields: rec.extraFields,
      column,
      get: (f) => {
        const c = column(f);
        return c === undefined ? "" : (rec.values[c] ?? "").trim();
      },
    };
  }
}
