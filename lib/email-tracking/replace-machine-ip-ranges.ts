import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { parseIpRanges } from "./detect-machine-open";

/**
 * Replaces the list of addresses whose opens and clicks are a machine's with an uploaded one (one
 * range or address a line, or CSV such as Apple's egress list). Refuses the whole upload, naming
 * the lines, when any line is not an address: a list silently half-applied would mislead the report.
 */
export async function replaceMachineIpRanges(options: { text: string; actor: Actor }): Promise<{ ranges: number }> {
  const { ranges, problems } = parseIpRanges(options.text);
  if (problems.length > 0)
    throw new AppError(
      "unprocessable",
      `${problems.length} line${problems.length === 1 ? " is" : "s are"} not an IP address or range (CIDR): ${problems
        .slice(0, 5)
        .map((p) => `line ${p.line} "${p.text}"`)
        .join(", ")}${problems.length > 5 ? ", …" : ""}. Nothing was changed.`,
      { problems: problems.slice(0, 100) },
    );
  const unique = [...new Set(ranges)];
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM machine_ip_ranges`;
    if (unique.length > 0)
      await tx.$executeRaw`INSERT INTO machine_ip_ranges (range) SELECT r::inet FROM unnest(${unique}::text[]) AS r ON CONFLICT DO NOTHING`;
    await writeAuditLog(
      { actor: options.actor, action: "machine_ip_ranges.replace", targetType: "setting", after: { ranges: unique.length } },
      tx,
    );
  });
  return { ranges: unique.length };
}
