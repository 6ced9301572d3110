import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

// The one door to the generated types, so that nothing else names lib/generated (not a barrel).
// eslint-disable-next-line no-restricted-syntax
export type { Prisma } from "./generated/prisma/client";

type Client = InstanceType<typeof PrismaClient>;

const globalForPrisma = globalThis as unknown as { __tailorPrisma?: Client };

function createClient(): Client {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL });
  return new PrismaClient({ adapter });
}

/** The one Prisma client. Created on first use (so tests can point DATABASE_URL first). */
export const db: Client = new Proxy({} as Client, {
  get(_target, prop, receiver) {
    globalForPrisma.__tailorPrisma ??= createClient();
    const value = Reflect.get(globalForPrisma.__tailorPrisma, prop, receiver) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(globalForPrisma.__tailorPrisma) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  if (globalForPrisma.__tailorPrisma) {
    await globalForPrisma.__tailorPrisma.$disconnect();
    globalForPrisma.__tailorPrisma = undefined;
  }
}
