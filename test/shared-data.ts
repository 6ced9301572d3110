import fs from "node:fs";
import path from "node:path";

/**
 * ../shared/data beside the project: the real datasets and export samples the tests read in place
 * (never copied into the repository; CI clones the project with ../shared beside it).
 */
export const SHARED_DATA_DIR = path.resolve(import.meta.dirname, "..", "..", "shared", "data");

/** A file's text under ../shared/data, or a clear error saying where it was looked for. */
export function readSharedData(name: string): string {
  const file = path.join(SHARED_DATA_DIR, name);
  if (!fs.existsSync(file))
    throw new Error(`${name} is missing: the tests read it from ${SHARED_DATA_DIR} (../shared/data beside the project).`);
  return fs.readFileSync(file, "utf8");
}

/** The first line of a CSV under ../shared/data (an export's header). */
export const sharedCsvHeader = (name: string) => readSharedData(name).split(/\r?\n/, 1)[0]!;
