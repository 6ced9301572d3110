import { db } from "../db";
import { AppError } from "../errors";
import { segmentRulesSchema, type SegmentRules } from "./schemas";

export interface SegmentDetail {
  id: string;
  name: string;
  description: string;
  rules: SegmentRules;
  memberCount: number;
  buildStatus: string;
  buildProgress: number;
  buildError: string | null;
  builtAt: Date | null;
  timeBased: boolean;
}

export async function getSegment(opts: { id: string }): Promise<SegmentDetail> {
  const s = await db.segment.findUnique({
    where: { id: opts.id },
    select: {
      id: true,
      name: true,
      description: true,
      rules: true,
      memberCount: true,
      buildStatus: true,
      buildProgress: true,
      buildError: true,
      builtAt: true,
      timeBased: true,
    },
  });
  if (!s) throw new AppError("not_found", `Segment ${opts.id} does not exist.`);
  return { ...s, rules: segmentRulesSchema.parse(s.rules) };
}
