import { buildCalendar } from "./calendar";
import { buildCatalogue } from "./catalogue";
import type { DemoDataOptions } from "./demo-options";
import { type ChunkTables, emptyChunkTables, encodeCustomer, encodeProduct } from "./demo-tables";
import { newIdCounters } from "./demo-types";
import { buildCampaigns } from "./email-campaigns";
import { type GenerationContext, generateCustomer } from "./generate-customer";
import { DAY_MS } from "./pg-text";

/** Customers per chunk: bounds memory (a chunk is a few MB of COPY text) whatever the total. */
export const DEFAULT_CHUNK_SIZE = 2000;
/** Let pending I/O (a COPY of the previous chunk) run this often while generating. */
const YIELD_EVERY = 100;

export interface DemoChunk {
  /** Customers generated so far, this chunk included. */
  customersDone: number;
  /** COPY text and row count per table; products only in the first chunk. */
  tables: ChunkTables;
}

/** What every customer's generation shares: calendar, catalogue, newsletters, id counters. */
export function createGenerationContext(options: DemoDataOptions): GenerationContext {
  const calendar = buildCalendar(options.today);
  return {
    seed: options.seed,
    calendar,
    catalogue: buildCatalogue(options.seed),
    campaigns: buildCampaigns(calendar),
    ids: newIdCounters(),
  };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The demo data as a stream of chunks, ids counting up from 1 in every table. Deterministic:
 * the same options give byte-identical chunks; memory stays flat however many customers.
 */
export async function* generateDemoChunks(options: DemoDataOptions, chunkSize = DEFAULT_CHUNK_SIZE): AsyncGenerator<DemoChunk> {
  const ctx = createGenerationContext(options);
  const { calendar, catalogue } = ctx;
  let tables = emptyChunkTables();
  const catalogueCreatedAt = (calendar.startDay - 30) * DAY_MS;
  for (const product of catalogue.products) encodeProduct(tables, product, catalogueCreatedAt);

  for (let index = 0; index < options.customers; index += 1) {
    encodeCustomer(tables, generateCustomer(ctx, index));
    const done = index + 1;
    if (done % YIELD_EVERY === 0) await yieldToEventLoop();
    if (done % chunkSize === 0 || done === options.customers) {
      yield { customersDone: done, tables };
      tables = emptyChunkTables();
    }
  }
}
