import { db } from "../db";

export interface RejectedField {
  field: string;
  reason: string;
}

export interface RejectionRecorder {
  /**
   * Records one unreadable row (1-based data row number): one rejection per unreadable field. With
   * `kept`, the row was imported and only these optional fields were skipped (warnings).
   */
  add(rowNumber: number, problems: RejectedField[], raw: string, kept?: boolean): Promise<void>;
  flush(): Promise<void>;
}

const RAW_LIMIT = 2000;

/** Buffers rejections and writes them to import_rejections in batches. */
export function createRejectionRecorder(opts: { importJobId: string; batchSize?: number }): RejectionRecorder {
  const batchSize = opts.batchSize ?? 500;
  let buffer: { importJobId: string; rowNumber: number; field: string; reason: string; raw: string; kept: boolean }[] = [];

  async function flush(): Promise<void> {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    await db.importRejection.createMany({ data: batch });
  }

  return {
    async add(rowNumber, problems, raw, kept = false) {
      const line = raw.replace(/[\r\n]+$/, "").slice(0, RAW_LIMIT);
      for (const p of problems)
        buffer.push({ importJobId: opts.importJobId, rowNumber, field: p.field, reason: p.reason, raw: line, kept });
      if (buffer.length >= batchSize) await flush();
    },
    flush,
  };
}
