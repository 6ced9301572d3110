"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { cancelCampaign } from "@/lib/campaigns/cancel-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { pauseCampaign } from "@/lib/campaigns/pause-campaign";
import { resumeCampaign } from "@/lib/campaigns/resume-campaign";
import { scheduleCampaign } from "@/lib/campaigns/schedule-campaign";
import { campaignInputSchema } from "@/lib/campaigns/schemas";
import { updateCampaign } from "@/lib/campaigns/update-campaign";

const saveDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ id: z.string().min(1).nullish(), input: campaignInputSchema }),
  run: async ({ input, user }) => {
    if (input.id) {
      await updateCampaign({ id: input.id, input: input.input, actor: actorOf(user) });
      revalidatePath(`/campaigns/${input.id}`);
      return { id: input.id };
    }
    return createCampaign({ input: input.input, actor: actorOf(user) });
  },
});

/** Creates a draft campaign, or saves a draft's changes. Audit-logged. */
export async function saveCampaignAction(input: unknown) {
  return saveDefinition(input);
}

const idSchema = z.object({ id: z.string().min(1) });
type Change = (options: { id: string; actor: ReturnType<typeof actorOf> }) => Promise<unknown>;

async function changeState(change: Change, id: string, user: Parameters<typeof actorOf>[0]): Promise<void> {
  await change({ id, actor: actorOf(user) });
  revalidatePath(`/campaigns/${id}`);
  revalidatePath("/campaigns");
}

const sendDefinition = defineAction({
  minRole: "marketer",
  schema: idSchema,
  run: ({ input, user }) => changeState(scheduleCampaign, input.id, user),
});

const pauseDefinition = defineAction({
  minRole: "marketer",
  schema: idSchema,
  run: ({ input, user }) => changeState(pauseCampaign, input.id, user),
});

const resumeDefinition = defineAction({
  minRole: "marketer",
  schema: idSchema,
  run: ({ input, user }) => changeState(resumeCampaign, input.id, user),
});

const cancelDefinition = defineAction({
  minRole: "marketer",
  schema: idSchema,
  run: ({ input, user }) => changeState(cancelCampaign, input.id, user),
});

/** Sends (or schedules) a draft: pins the template version and queues the fan-out for its time. */
export async function sendCampaignAction(input: unknown) {
  return sendDefinition(input);
}

/** Pauses a sending campaign: messages in flight finish, the rest wait. */
export async function pauseCampaignAction(input: unknown) {
  return pauseDefinition(input);
}

export async function resumeCampaignAction(input: unknown) {
  return resumeDefinition(input);
}

/** Cancels a scheduled, sending or paused campaign: recipients not yet sent to are skipped. */
export async function cancelCampaignAction(input: unknown) {
  return cancelDefinition(input);
}
