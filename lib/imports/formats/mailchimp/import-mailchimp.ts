import { open, rm } from "node:fs/promises";
import type { ByteSource } from "../../csv/open-file-source";
import { openFileSource } from "../../csv/open-file-source";
import { systemActor } from "../../../audit/write-audit-log";
import { addSuppressions } from "../../../consent/add-suppressions";
import { importCustomerRows } from "../../staging/customers/import-customer-rows";
import type { CustomerRow, ReadRow } from "../../staging/customers/customer-row";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { readDefaultRegion } from "../../read-default-region";
import { extractMailchimpZip, looksLikeZip } from "./extract-mailchimp-zip";
import { readMailchimpMembers } from "./read-mailchimp-members";

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await open(filePath, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * `mailchimp`: an audience export, either the ZIP (subscribed, unsubscribed, cleaned) or one of its
 * CSVs. Files are read subscribed → unsubscribed → cleaned, so where one address is on two lists the
 * stricter one is recorded last. Matched on email.
 */
export async function importMailchimp(opts: ImporterOptions): Promise<ImporterResult> {
  const defaultRegion = await readDefaultRegion();
  let sources: ByteSource[];
  let cleanup = async () => undefined as void;
  if (looksLikeZip(await readHead(opts.filePath))) {
    const { dir, files } = await extractMailchimpZip(opts.filePath);
    cleanup = () => rm(dir, { recursive: true, force: true });
    try {
      sources = await Promise.all(files.map((f) => openFileSource(f.path, f.name)));
    } catch (e) {
      await cleanup();
      throw e;
    }
  } else {
    sources = [await openFileSource(opts.filePath, opts.fileName)];
  }
  let index = 0;
  let nextRow = 1;
  // Cleaned addresses bounced or were reported: they go on the suppression list.
  const cleaned: string[] = [];
  async function* rows(): AsyncGenerator<ReadRow<CustomerRow>> {
    for (const source of sources) {
      let last = nextRow - 1;
      for await (const r of readMailchimpMembers({
        source,
        options: opts.options,
        defaultRegion,
        firstRow: nextRow,
        signal: opts.signal,
      })) {
        last = r.rowNumber;
        if (r.result.ok === true && r.result.row.email && r.result.row.consent?.proof.mailchimpStatus === "cleaned")
          cleaned.push(r.result.row.email);
        yield r;
      }
      nextRow = last + 1;
      index++;
    }
  }
  try {
    const result = await importCustomerRows({
      ...opts,
      source: "mailchimp",
      rows: rows(),
      readFraction: () => (index + (sources[index]?.fraction() ?? 0)) / sources.length,
    });
    if (!opts.dryRun) {
      const suppressed = await addSuppressions({
        emails: cleaned,
        reason: "hard_bounce",
        source: "import:mailchimp",
        actor: systemActor("worker"),
      });
      result.details = { ...result.details, suppressed };
    }
    return result;
  } finally {
    await cleanup();
  }
}
