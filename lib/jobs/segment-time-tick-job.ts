import { z } from "zod";
import { tickTimeSegments } from "../segments/tick-time-segments";
import { defineJob } from "./define-job";

/** Every few seconds (a BullMQ job scheduler): the membership changes time alone causes. */
export const segmentTimeTickJob = defineJob({
  name: "segment-time-tick",
  schema: z.object({}),
  concurrency: 1,
  async handle() {
    return tickTimeSegments();
  },
});

export const SEGMENT_TICK_EVERY_MS = 15_000;
