import { z } from "zod";
import { fanOutCampaign } from "../campaigns/fan-out-campaign";
import { sendCampaignChunk } from "../campaigns/send-campaign-chunk";
import { defineJob } from "./define-job";

/** Freezes a campaign's recipients into the send ledger, then queues its chunks (docs/decisions/090). */
export const campaignFanOutJob = defineJob({
  name: "campaign-fan-out",
  schema: z.object({ campaignId: z.string().min(1) }),
  concurrency: 1,
  handle: (data) => fanOutCampaign({ campaignId: data.campaignId }),
});

/** Renders and delivers one chunk of a campaign's ledger. Retried and re-queued freely: the ledger and the chunk's lease make it idempotent. */
export const campaignChunkJob = defineJob({
  name: "campaign-send-chunk",
  schema: z.object({ campaignId: z.string().min(1), chunk: z.number().int().min(0) }),
  concurrency: 3,
  // A killed worker's chunk is noticed (stalled) within about a lease; its lease in Postgres is what guards sending.
  lockDuration: "lease",
  handle: (data, ctx) => sendCampaignChunk({ campaignId: data.campaignId, chunk: data.chunk, signal: ctx.signal }),
});
