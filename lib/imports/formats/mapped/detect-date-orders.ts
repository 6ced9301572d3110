import { AppError } from "../../../errors";
import type { ByteSource } from "../../csv/open-file-source";
import { guessDateOrder } from "../../csv/parse-date";
import { readCsvRecords } from "../../csv/read-csv-records";
import type { DateOrder, ImportOptions } from "../../format-schemas";

const SAMPLE_ROWS = 5000;

/**
 * The day/month order of a file's date columns, from its first rows: the user's choice when given;
 * otherwise detected, and one clear error when a column reads both ways (the user must choose).
 */
export async function resolveDateOrder(opts: {
  source: ByteSource;
  columns: string[];
  options: ImportOptions;
}): Promise<Exclude<DateOrder, "auto">> {
  if (opts.options.dateOrder !== "auto" || opts.columns.length === 0)
    return opts.options.dateOrder === "auto" ? "iso" : opts.options.dateOrder;
  const samples = new Map(opts.columns.map((c) => [c, [] as string[]]));
  for await (const rec of readCsvRecords({ open: opts.source.open, encoding: opts.options.encoding, fileName: opts.source.name })) {
    for (const [c, list] of samples) if (rec.values[c]) list.push(rec.values[c]);
    if (rec.rowNumber >= SAMPLE_ROWS) break;
  }
  let found: Exclude<DateOrder, "auto"> = "iso";
  for (const [column, values] of samples) {
    const guess = guessDateOrder(values);
    if (guess.order === null) {
      throw new AppError(
        "unprocessable",
        `The dates in column "${column}" (such as "${guess.example ?? values[0] ?? ""}") can be read as month/day or day/month: choose the date order (US M/D/YYYY or European D/M/YYYY) and import again.`,
        { field: column, ambiguousDates: true },
      );
    }
    if (guess.order !== "iso") found = guess.order;
  }
  return found;
}
