import { env } from "../env";
import { createRateLimiter, type RateLimiter } from "./rate-limit";

/** The public endpoints (no sign-in) that are rate limited per client address. */
export type PublicEndpoint = "unsubscribe" | "preferences" | "webhook" | "email-open" | "email-click";

const limiters = new Map<PublicEndpoint, RateLimiter>();

/** The limiter of one public endpoint: PUBLIC_RATE_LIMIT requests per minute and address (50 times as many for the pixel and click redirect). */
export function publicRateLimiter(endpoint: PublicEndpoint): RateLimiter {
  let limiter = limiters.get(endpoint);
  if (!limiter) {
    const perMinute = env().PUBLIC_RATE_LIMIT * (endpoint === "email-open" || endpoint === "email-click" ? 50 : 1);
    limiter = createRateLimiter({ name: endpoint, points: perMinute, durationSeconds: 60, what: "requests from this address" });
    limiters.set(endpoint, limiter);
  }
  return limiter;
}
