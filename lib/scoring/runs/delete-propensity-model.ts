import { writeAuditLog, type Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { AppError } from "../../errors";
import { conditionsOf } from "../../segments/analyze-rules";
import type { SegmentRules } from "../../segments/schemas";
import { propensityKey } from "../schemas";

type Client = Pick<typeof db, "segment">;

/**
 * The segments whose rules read purchase propensity for `category` (null: any product), by name;
 * keyed by propensityKey. Score conditions put "scores" among a segment's triggers.
 */
export async function segmentsUsingPropensity(client: Client = db): Promise<Map<string, string[]>> {
  const segments = await client.segment.findMany({
    where: { triggers: { has: "scores" } },
    select: { name: true, rules: true },
    orderBy: { name: "asc" },
  });
  const byKey = new Map<string, string[]>();
  for (const s of segments) {
    const keys = new Set(
      conditionsOf(s.rules as unknown as SegmentRules).flatMap((c) =>
        c.kind === "score" && c.score === "propensity" ? [propensityKey((c as { category?: string }).category)] : [],
      ),
    );
    for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), s.name]);
  }
  return byKey;
}

/**
 * Deletes purchase propensity's model of one category (null: any product), decision 142: its scores
 * go, its succeeded runs become "deleted" (kept in the history, never current, so "Train now" and
 * the nightly run stop retraining it). Refused while a segment uses that category's propensity (the
 * message names them) or while a run for it is training.
 */
export async function deletePropensityModel(opts: {
  category: string | null;
  actor: Actor;
}): Promise<{ deletedRuns: number; deletedScores: number }> {
  const key = propensityKey(opts.category);
  const what = opts.category === null ? "any product" : `“${opts.category}”`;
  return db.$transaction(async (tx) => {
    // One deletion at a time, and no segment saved between the check and the delete.
    await tx.$executeRaw`LOCK TABLE segments IN SHARE ROW EXCLUSIVE MODE`;
    const runs = await tx.$queryRaw<{ id: string; version: number; status: string }[]>`
      SELECT id, version, status::text AS status FROM model_runs
      WHERE kind = 'propensity' AND coalesce("window" ->> 'category', '') = ${key}
        AND status IN ('queued', 'running', 'succeeded')
      ORDER BY version FOR UPDATE`;
    const trained = runs.filter((r) => r.status === "succeeded");
    if (trained.length === 0) throw new AppError("not_found", `There is no propensity model for ${what}.`);
    if (trained.length < runs.length)
      throw new AppError(
        "conflict",
        `The propensity model for ${what} is training: wait for the run to finish (or cancel it), then delete it.`,
      );
    const users = (await segmentsUsingPropensity(tx)).get(key) ?? [];
    if (users.length > 0)
      throw new AppError(
        "conflict",
        `${users.length === 1 ? "A segment uses" : `${users.length} segments use`} the propensity for ${what}: ${users.map((n) => `“${n}”`).join(", ")}. Remove those conditions first.`,
      );
    const deletedScores = await tx.customerPropensity.deleteMany({ where: { category: key } });
    await tx.modelRun.updateMany({ where: { id: { in: trained.map((r) => r.id) } }, data: { status: "deleted", phase: "deleted" } });
    await writeAuditLog(
      {
        actor: opts.actor,
        action: "model.deleted",
        targetType: "model",
        targetId: `propensity:${key}`,
        before: { kind: "propensity", category: opts.category, versions: trained.map((r) => r.version), scores: deletedScores.count },
      },
      tx,
    );
    return { deletedRuns: trained.length, deletedScores: deletedScores.count };
  });
}
