import { AppError } from "../../errors";

/** Throws one clear error when a header lacks the columns that make a file what the user said it is. */
export function requireColumns(header: string[], opts: { what: string; required?: string[]; anyOf?: string[] }): void {
  const have = new Set(header);
  const shown =
    header
      .slice(0, 8)
      .map((h) => `"${h}"`)
      .join(", ") + (header.length > 8 ? ", …" : "");
  const missing = (opts.required ?? []).filter((c) => !have.has(c));
  if (missing.length > 0) {
    throw new AppError(
      "unprocessable",
      `This is not ${opts.what}: column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `"${c}"`).join(", ")} missing (the first line has ${shown}).`,
    );
  }
  if (opts.anyOf && !opts.anyOf.some((c) => have.has(c))) {
    throw new AppError(
      "unprocessable",
      `This is not ${opts.what}: it needs one of the columns ${opts.anyOf.map((c) => `"${c}"`).join(", ")} (the first line has ${shown}).`,
    );
  }
}
