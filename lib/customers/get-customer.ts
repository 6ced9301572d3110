import { db } from "../db";
import { AppError } from "../errors";

/** A customer's profile: columns, free-form attributes and identities. Throws not_found. */
export async function getCustomer(options: { id: number }) {
  const customer = await db.customer.findUnique({
    where: { id: options.id },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      phone: true,
      country: true,
      city: true,
      attributes: true,
      firstSeenAt: true,
      lastSeenAt: true,
      erasedAt: true,
      createdAt: true,
      identities: {
        select: { id: true, type: true, source: true, value: true, createdAt: true },
        orderBy: [{ type: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!customer) {
    throw new AppError(
      "not_found",
      `There is no customer #${options.id}. It may have been merged or erased; search for them on /customers.`,
    );
  }
  return customer;
}

export type CustomerProfile = Awaited<ReturnType<typeof getCustomer>>;
