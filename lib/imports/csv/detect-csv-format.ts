import { AppError } from "../../errors";

export type CsvEncoding = "utf-8" | "latin1";

export interface CsvFormat {
  encoding: CsvEncoding;
  delimiter: "," | ";" | "\t";
}

const DELIMITERS = [",", ";", "\t"] as const;

function isUtf8(sample: Buffer): boolean {
  // The sample may end inside a multi-byte character: drop up to 3 trailing bytes of a partial one.
  let end = sample.length;
  for (let i = Math.max(0, end - 3); i < end; i++) {
    const b = sample[i]!;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i + need > end) end = i;
      break;
    }
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Counts each delimiter outside quotes in the first lines, and takes the one found most consistently. */
function detectDelimiter(text: string): CsvFormat["delimiter"] {
  const lines: string[] = [];
  let current = "",
    quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "\n" || ch === "\r")) {
      if (current !== "") lines.push(current);
      current = "";
      if (lines.length >= 20) break;
      continue;
    }
    current += quoted && ch !== '"' ? "" : ch;
  }
  if (current !== "" && lines.length < 20) lines.push(current);
  let best: CsvFormat["delimiter"] = ",",
    bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((c) => c === header).length;
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Decides how to read a CSV from its first bytes: UTF-8 (with or without BOM) unless the bytes are
 * not valid UTF-8, then Latin-1 (Windows exports); the delimiter among comma, semicolon and tab.
 * Throws one clear error for something that is not a text file at all.
 */
export function detectCsvFormat(sample: Buffer, opts: { encoding?: "auto" | CsvEncoding; fileName?: string } = {}): CsvFormat {
  const name = opts.fileName ? `"${opts.fileName}"` : "The file";
  if (sample.length === 0) throw new AppError("unprocessable", `${name} is empty: expected a header line and rows.`);
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) {
    throw new AppError(
      "unprocessable",
      `${name} is a ZIP archive, not a CSV file: unzip it first (only Mailchimp audience exports are read as ZIP).`,
    );
  }
  const hasBom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  if (utf16) throw new AppError("unprocessable", `${name} is saved as UTF-16: save it again as "CSV UTF-8" and upload that.`);
  const nul = sample.subarray(0, 8192).indexOf(0);
  if (nul >= 0)
    throw new AppError(
      "unprocessable",
      `${name} is not a CSV file (it holds binary data, e.g. a spreadsheet or an image): export it as CSV first.`,
    );
  const encoding = opts.encoding && opts.encoding !== "auto" ? opts.encoding : hasBom || isUtf8(sample) ? "utf-8" : "latin1";
  const text = sample.toString(encoding === "utf-8" ? "utf8" : "latin1").replace(/^\uFEFF/, "");
  return { encoding, delimiter: detectDelimiter(text) };
}
