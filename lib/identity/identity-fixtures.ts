import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { mergeCustomers } from "./merge-customers";

// Test fixtures for identity tests (imported by *.db.test.ts files only).

/** Merges `mergedId` into `survivorId` as identity resolution does (its own transaction); returns the merge's id. */
export function mergeProfiles(survivorId: number, mergedId: number, value = `m${mergedId}@example.com`): Promise<number> {
  return db.$transaction((tx) =>
    mergeCustomers({
      tx,
      survivorId,
      mergedId,
      identifier: { type: "email", source: "", value },
      reason: "test",
      actor: systemActor("worker"),
    }),
  );
}
