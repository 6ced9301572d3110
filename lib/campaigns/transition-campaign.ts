import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import type { CampaignStatus } from "./schemas";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Moves a campaign from one of `from` to `to` (a conditional update: two clicks cannot both win),
 * runs `also` in the same transaction, and writes the audit log. Throws conflict naming the status.
 */
export async function transitionCampaign(options: {
  id: string;
  from: readonly CampaignStatus[];
  to: CampaignStatus;
  action: string;
  actor: Actor;
  verb: string;
  data?: Record<string, unknown>;
  also?: (tx: Tx) => Promise<Record<string, unknown> | void>;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.campaign.findUnique({ where: { id: options.id }, select: { status: true, name: true } });
    if (!before) throw new AppError("not_found", "There is no such campaign: it may have been deleted.");
    const { count } = await tx.campaign.updateMany({
      where: { id: options.id, status: { in: [...options.from] } },
      data: { status: options.to, ...options.data },
    });
    if (count === 0)
      throw new AppError(
        "conflict",
        `The campaign "${before.name}" is ${before.status}: it cannot be ${options.verb} (only when ${options.from.join(" or ")}).`,
      );
    const extra = (await options.also?.(tx)) ?? {};
    await writeAuditLog(
      {
        actor: options.actor,
        action: options.action,
        targetType: "campaign",
        targetId: options.id,
        before: { status: before.status },
        after: { status: options.to, ...extra },
      },
      tx,
    );
  });
}
