import { parse } from "csv-parse/sync";
import type { Actor } from "../audit/write-audit-log";
import { writeAuditLog } from "../audit/write-audit-log";
import { db } from "../db";
import { csvCell } from "../exports/csv-cell";
import { AppError } from "../errors";
import type { SuppressionReason } from "../generated/prisma/enums";
import { addressHash } from "./installation-secret";

export const suppressionReasons = [
  "unsubscribed",
  "hard_bounce",
  "complaint",
  "manual",
  "erased",
] as const satisfies readonly SuppressionReason[];
const importable = new Set<string>(["unsubscribed", "hard_bounce", "complaint", "manual"]);

/**
 * Imports a suppression CSV (`email`, optional `reason` — unsubscribed, hard_bounce, complaint,
 * manual (default) — and `note`). Addresses already listed keep their entry; bad rows are reported
 * by row number and field and skipped.
 */
export async function importSuppressionCsv(options: { csv: string; actor: Actor }) {
  let records: Record<string, string>[];
  try {
    records = parse(options.csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (e) {
    throw new AppError(
      "unprocessable",
      `The file is not valid CSV: ${(e as Error).message}. Save it as comma-separated UTF-8 with a header row.`,
    );
  }
  if (records.length === 0 || !("email" in (records[0] ?? {})))
    throw new AppError("unprocessable", "The first row must be a header with an email column (and optionally reason, note).");
  const rejected: { row: number; field: string; reason: string }[] = [];
  const rows = new Map<string, { addressHash: string; email: string; reason: SuppressionReason; note: string }>();
  records.forEach((r, i) => {
    const row = i + 2;
    const email = (r.email ?? "").toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      return void rejected.push({ row, field: "email", reason: `"${r.email ?? ""}" is not an email address.` });
    const reason = (r.reason || "manual").toLowerCase();
    if (!importable.has(reason))
      return void rejected.push({
        row,
        field: "reason",
        reason: `"${r.reason}" is not a reason; use unsubscribed, hard_bounce, complaint or manual.`,
      });
    rows.set(email, { addressHash: addressHash(email), email, reason: reason as SuppressionReason, note: (r.note ?? "").slice(0, 500) });
  });
  const data = [...rows.values()].map((r) => ({ ...r, source: "csv_import", createdById: options.actor.id }));
  const { count } = data.length ? await db.suppression.createMany({ data, skipDuplicates: true }) : { count: 0 };
  await writeAuditLog({
    actor: options.actor,
    action: "suppression.import",
    targetType: "suppression",
    after: { rowsRead: records.length, added: count, rejected: rejected.length },
  });
  return { rowsRead: records.length, added: count, alreadyListed: data.length - count, rejected };
}

/** The suppression list as CSV (erased addresses appear as their HMAC only). */
export async function exportSuppressionCsv(): Promise<string> {
  const rows = await db.suppression.findMany({
    orderBy: { id: "asc" },
    select: { email: true, addressHash: true, reason: true, source: true, note: true, createdAt: true },
  });
  const lines = [
    "email,address_hmac,reason,source,note,created_at",
    ...rows.map((r) => [r.email ?? "", r.addressHash, r.reason, r.source, r.note, r.createdAt.toISOString()].map(csvCell).join(",")),
  ];
  return `${lines.join("\n")}\n`;
}
