import type { Prisma } from "../db";
import { normalizeCountry } from "../customers/countries";

const columns: Record<string, "firstName" | "lastName" | "city" | "country"> = {
  firstName: "firstName",
  first_name: "firstName",
  lastName: "lastName",
  last_name: "lastName",
};
const reserved = new Set(["email", "phone", "address", "name", ...Object.keys(columns)]);

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined);

/**
 * An identify call's traits onto the profile: the latest value wins. Known traits fill the
 * profile's columns (first/last name, or name split in two; address.city / country; email and
 * phone as normalized); every other trait lands in attributes, as sent, so users see what arrives.
 */
export async function applyTraits(options: {
  tx: Prisma.TransactionClient;
  customerId: number;
  traits: Record<string, unknown>;
  email: string | null;
  phone: string | null;
}): Promise<void> {
  const { traits } = options;
  const data: Prisma.CustomerUpdateInput = {};
  for (const [trait, column] of Object.entries(columns)) {
    const value = text(traits[trait]);
    if (value) data[column] = value;
  }
  const name = text(traits.name);
  if (name && !data.firstName && !data.lastName) {
    const [first, ...rest] = name.split(/\s+/);
    data.firstName = first;
    if (rest.length) data.lastName = rest.join(" ");
  }
  const address = typeof traits.address === "object" && traits.address ? (traits.address as Record<string, unknown>) : {};
  const city = text(address.city);
  const country = normalizeCountry(text(address.country) ?? text(traits.country));
  if (city) data.city = city;
  if (country) data.country = country;
  if (options.email) data.email = options.email;
  if (options.phone) data.phone = options.phone;
  const extra = Object.fromEntries(Object.entries(traits).filter(([k]) => !reserved.has(k) && k !== "country"));
  if (Object.keys(data).length) await options.tx.customer.update({ where: { id: options.customerId }, data });
  if (Object.keys(extra).length) {
    await options.tx
      .$executeRaw`UPDATE customers SET attributes = attributes || ${JSON.stringify(extra)}::jsonb, updated_at = now() WHERE id = ${options.customerId}`;
  }
}
