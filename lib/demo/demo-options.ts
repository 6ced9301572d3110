import { z } from "zod";
import { DAY_MS } from "./pg-text";

/** What decides the generated data: the same three values always give the same rows. */
export const demoDataOptionsSchema = z.object({
  customers: z.number().int().min(1).max(10_000_000).default(20_000),
  seed: z.number().int().min(0).max(0xffff_ffff).default(42),
  /** The run's moment; only its day (UTC) matters. Defaults to the clock, read here and only here. */
  now: z.date().optional(),
});

export type DemoDataInput = z.input<typeof demoDataOptionsSchema>;

export interface DemoDataOptions {
  customers: number;
  seed: number;
  /** Midnight UTC of the run's day: the exclusive end of the two-year window. */
  today: Date;
}

export function resolveDemoDataOptions(input: DemoDataInput): DemoDataOptions {
  const parsed = demoDataOptionsSchema.parse(input);
  const now = parsed.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new Error("Demo data: `now` is not a valid date.");
  return { customers: parsed.customers, seed: parsed.seed, today: new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS) };
}
