import { trackingRoute } from "@/lib/tracking/tracking-route.server";

// Tracking API (Segment's format), authenticated by API key: see lib/tracking/tracking-route.server.ts.
export const POST = trackingRoute;
export const OPTIONS = trackingRoute;
