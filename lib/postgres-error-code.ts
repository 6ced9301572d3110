/**
 * The SQLSTATE of a failed Postgres statement (e.g. "40P01" deadlock, "23503" foreign key), found
 * in whatever form the error reached us: pg's own error, or Prisma's error wrapping its driver
 * adapter's (`meta.driverAdapterError.cause.originalCode`). Prisma's own transaction-conflict code
 * P2034 stands for serialization failure, "40001". Null when the error did not come from Postgres.
 */
export function postgresErrorCode(e: unknown): string | null {
  if (!e || typeof e !== "object") return null;
  const err = e as {
    code?: unknown;
    originalCode?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
    cause?: unknown;
  };
  const original = err.meta?.driverAdapterError?.cause?.originalCode ?? err.originalCode;
  if (typeof original === "string") return original;
  if (typeof err.code === "string") {
    // Prisma's own codes (P1xxx, P2xxx…) are not SQLSTATEs, though PL/pgSQL's P0001 is one.
    if ("clientVersion" in err || err.code === "P2034") return err.code === "P2034" ? "40001" : null;
    if (/^[0-9A-Z]{5}$/.test(err.code)) return err.code;
  }
  // A wrapped error (a driver adapter's error as cause): the same reading, one level down.
  return err.cause && err.cause !== e ? postgresErrorCode(err.cause) : null;
}
