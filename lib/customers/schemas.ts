import { z } from "zod";
import { pageSchema } from "../http/pagination";

/** URL state of /customers (search, sort, page); safe to import from the client. */

export const customerSortKeys = ["name", "email", "lastSeen", "orders", "revenue"] as const;
export type CustomerSortKey = (typeof customerSortKeys)[number];
export type SortDirection = "asc" | "desc";

/** The direction a column sorts in when first clicked: text A→Z, figures and dates newest/largest first. */
export const defaultDirection: Record<CustomerSortKey, SortDirection> = {
  name: "asc",
  email: "asc",
  lastSeen: "desc",
  orders: "desc",
  revenue: "desc",
};

export const customerListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  sort: z.enum(customerSortKeys).catch("lastSeen"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: pageSchema,
});
export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

/** Page number of the customer profile's orders and events lists. */
export const customerProfileQuerySchema = z.object({
  ordersPage: pageSchema,
  eventsPage: pageSchema,
});

export const customerIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
