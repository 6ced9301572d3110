import { z } from "zod";
import { reevaluateCustomers } from "../segments/reevaluate-customers";
import { defineJob } from "./define-job";

/** Re-evaluates some customers against the segments their change can affect (ids only in the payload). */
export const segmentReevaluateJob = defineJob({
  name: "segment-reevaluate",
  schema: z.object({
    customerIds: z.array(z.number().int().positive()).min(1).max(5000),
    kinds: z.array(z.string().min(1).max(220)).min(1).max(50),
  }),
  concurrency: 4,
  async handle(data) {
    return reevaluateCustomers({ customerIds: data.customerIds, kinds: data.kinds });
  },
});
