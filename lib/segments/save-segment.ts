import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { queueSegmentRebuild } from "../jobs/segment-rebuild-job";
import { analyzeRules } from "./analyze-rules";
import { checkSegmentCycles } from "./check-segment-cycles";
import { compileRules } from "./compile-rules";
import { segmentInputSchema, type SegmentInput } from "./schemas";

/**
 * Creates a segment (no id) or replaces one's name, description and rules; refuses cycles and rules
 * that do not compile; writes the audit log; then queues the membership rebuild (with progress).
 */
export async function saveSegment(opts: { id?: string; input: SegmentInput; actor: Actor }): Promise<{ id: string }> {
  const input = segmentInputSchema.parse(opts.input);
  compileRules(input.rules, { ref: new Date() });
  const analysis = analyzeRules(input.rules);
  await checkSegmentCycles({ segmentId: opts.id, dependsOn: analysis.dependsOn });
  const data = {
    name: input.name,
    description: input.description,
    rules: input.rules as unknown as Prisma.InputJsonValue,
    triggers: analysis.triggers,
    dependsOn: analysis.dependsOn,
    timeBased: analysis.timeBased,
  };
  const id = await db.$transaction(async (tx) => {
    const sameName = await tx.segment.findFirst({
      where: { name: { equals: input.name.trim(), mode: "insensitive" }, ...(opts.id ? { id: { not: opts.id } } : {}) },
      select: { id: true },
    });
    if (sameName)
      throw new AppError(
        "conflict",
        `A segment named “${input.name.trim()}” exists already: choose another name, so that it can be told apart.`,
        {
          field: "name",
          segmentId: sameName.id,
        },
      );
    if (opts.id) {
      const before = await tx.segment.findUniqueOrThrow({ where: { id: opts.id }, select: { name: true, description: true, rules: true } });
      await tx.segment.update({ where: { id: opts.id }, data });
      await writeAuditLog(
        {
          actor: opts.actor,
          action: "segment.updated",
          targetType: "segment",
          targetId: opts.id,
          before,
          after: { name: input.name, description: input.description, rules: input.rules },
        },
        tx,
      );
      return opts.id;
    }
    const created = await tx.segment.create({ data: { ...data, createdById: opts.actor.id }, select: { id: true } });
    await writeAuditLog(
      {
        actor: opts.actor,
        action: "segment.created",
        targetType: "segment",
        targetId: created.id,
        after: { name: input.name, description: input.description, rules: input.rules },
      },
      tx,
    );
    return created.id;
  });
  await queueSegmentRebuild({ segmentId: id });
  return { id };
}
