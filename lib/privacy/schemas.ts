import { z } from "zod";

/** Data subject request forms; safe to import from the client. */
export const requesters = ["data_subject", "authorised_agent", "regulator", "other"] as const;
export const requesterLabels: Record<(typeof requesters)[number], string> = {
  data_subject: "The person themself",
  authorised_agent: "Someone acting for them",
  regulator: "A regulator",
  other: "Other",
};

export const eraseCustomerFormSchema = z.object({
  customerId: z.coerce.number().int().positive(),
  requestedBy: z.enum(requesters, { error: "Say who asked for the erasure." }),
  confirm: z.literal("ERASE", { error: "Type ERASE in capitals to confirm; erasure cannot be undone." }),
});
export type EraseCustomerFormInput = z.input<typeof eraseCustomerFormSchema>;

export const exportQuerySchema = z.object({ requestedBy: z.enum(requesters).catch("data_subject") });
