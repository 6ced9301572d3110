import { z } from "zod";
import { defineConditionKind } from "../../define-condition";

export const segmentConditionSchema = z.object({
  kind: z.literal("segment"),
  segmentId: z.string().min(1, "Choose a segment").max(100),
  in: z.boolean().default(true),
});
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

export const segmentKind = defineConditionKind(segmentConditionSchema, {
  label: "Another segment",
  description: "Is (or is not) a member of another segment, as last built.",
  defaults: { kind: "segment", segmentId: "", in: true },
  describe: (c, names) =>
    `${c.in ? "Is" : "Is not"} in segment ${names?.segments?.[c.segmentId] ? `“${names.segments[c.segmentId]}”` : c.segmentId}`,
});
