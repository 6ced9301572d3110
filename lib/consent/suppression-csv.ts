import { db } from "../db";
import { csvCell } from "../exports/csv-cell";

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
