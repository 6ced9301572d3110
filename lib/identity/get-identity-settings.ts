import { db } from "../db";

export interface IdentitySettings {
  maxProfilesPerIdentifier: number;
  blocklist: string[];
}

export const defaultIdentitySettings: IdentitySettings = {
  maxProfilesPerIdentifier: 5,
  blocklist: [
    "test@test.com",
    "test@example.com",
    "noreply@example.com",
    "0000000000",
    "+10000000000",
    "1234567890",
    "anonymous",
    "null",
    "undefined",
  ],
};

/** The resolver's rules (row id = 1), or the defaults while nobody has changed them. */
export async function getIdentitySettings(): Promise<IdentitySettings> {
  const row = await db.identitySetting.findUnique({ where: { id: 1 }, select: { maxProfilesPerIdentifier: true, blocklist: true } });
  return row ?? defaultIdentitySettings;
}
