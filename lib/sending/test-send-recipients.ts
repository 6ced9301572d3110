import type { Actor } from "../audit/write-audit-log";
import { getSettingList, saveSettingList } from "../settings/setting-lists";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { createRateLimiter, type RateLimiter } from "../http/rate-limit";

/** Who may receive test emails besides the installation's active users (Settings). */
export function getTestSendAddresses(): Promise<string[]> {
  return getSettingList("testSendAddresses");
}

/** Replaces the list of addresses test emails may go to (besides the users'). Audit-logged. */
export function saveTestSendAddresses(options: { addresses: string[]; actor: Actor }): Promise<string[]> {
  return saveSettingList({
    list: "testSendAddresses",
    values: options.addresses,
    action: "settings.test_send_addresses",
    actor: options.actor,
  });
}

/**
 * A test email shows one customer's data: it may go only to a user of this installation (active)
 * or to an address (or domain) an admin allows in Settings, never to an arbitrary address.
 */
export async function checkTestSendRecipient(to: string): Promise<void> {
  const address = to.trim().toLowerCase();
  const [user, allowed] = await Promise.all([
    db.user.findFirst({ where: { email: { equals: address, mode: "insensitive" }, deactivatedAt: null }, select: { id: true } }),
    getTestSendAddresses(),
  ]);
  if (user) return;
  const domain = address.slice(address.lastIndexOf("@"));
  if (allowed.includes(address) || allowed.includes(domain)) return;
  throw new AppError(
    "unprocessable",
    `Test emails go only to Tailor's users or to addresses an admin allows in Settings → Test emails, and ${address} is neither: send the test to your own address, or ask an admin to add this one.`,
    [{ field: "to", message: `${address} is not a user of Tailor nor an allowed test address.` }],
  );
}

let limiter: RateLimiter | undefined;

/** Test sends per user: TEST_SEND_RATE_LIMIT an hour (429 with the seconds to wait). */
export async function takeTestSendAllowance(userKey: string): Promise<void> {
  limiter ??= createRateLimiter({ name: "test-send", points: env().TEST_SEND_RATE_LIMIT, durationSeconds: 3600, what: "test emails" });
  await limiter.take(userKey);
}
