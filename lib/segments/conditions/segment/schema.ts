import { z } from "zod";
import type { ConditionKind } from "../types";

export const segmentConditionSchema = z.object({
  kind: z.literal("segment"),
  segmentId: z.string().min(1, "Choose a segment").max(100),
  in: z.boolean().default(true),
});
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;
export type SegmentConditionInput = z.input<typeof segmentConditionSchema>;

export const segmentKind: ConditionKind<SegmentCondition, SegmentConditionInput> = {
  kind: "segment",
  label: "Another segment",
  description: "Is (or is not) a member of another segment, as last built.",
  defaults: { kind: "segment", segmentId: "", in: true },
  schema: segmentConditionSchema,
  describe: (c, names) =>
    `${c.in ? "Is" : "Is not"} in segment ${names?.segments?.[c.segmentId] ? `“${names.segments[c.segmentId]}”` : c.segmentId}`,
};
