import { db } from "../db";
import { AppError } from "../errors";

/** A customer id from "123", "#123" or an email address (exact, case-insensitive). Throws not_found. */
export async function resolveCustomerId(ref: string | number): Promise<number> {
  const text = String(ref).trim();
  const asId = /^#?(\d{1,10})$/.exec(text);
  if (asId) {
    const id = Number(asId[1]);
    if (id <= 2_147_483_647 && (await db.customer.findUnique({ where: { id }, select: { id: true } }))) return id;
    throw new AppError("not_found", `There is no customer #${id}: search for them on /customers.`);
  }
  if (text.includes("@")) {
    const found = await db.$queryRaw<{ id: number }[]>`
      SELECT id FROM customers WHERE lower(email) = lower(${text}) ORDER BY id LIMIT 1`;
    if (found[0]) return found[0].id;
    throw new AppError("not_found", `No customer has the email ${text}: check the spelling or search on /customers.`);
  }
  throw new AppError("bad_request", `"${text}" is neither a customer number nor an email address.`);
}
