import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { findMergeSurvivor } from "./find-merge-survivor";
import { mergeCustomers } from "./merge-customers";
import { undoMerge } from "./undo-merge";

const merge = (survivorId: number, mergedId: number) =>
  db.$transaction((tx) =>
    mergeCustomers({
      tx,
      survivorId,
      mergedId,
      identifier: { type: "email", source: "", value: `m${mergedId}@example.com` },
      reason: "test",
      actor: systemActor("worker"),
    }),
  );

describe("findMergeSurvivor: where a merged-away profile lives now", () => {
  it("follows merges to the profile that exists, and forgets undone ones", async () => {
    const [a, b, c, d] = await Promise.all(
      [1, 2, 3, 4].map(() => db.customer.create({ data: {}, select: { id: true } }).then((r) => r.id)),
    );
    expect(await findMergeSurvivor({ customerId: a! })).toBeNull();
    await merge(b!, c!);
    expect(await findMergeSurvivor({ customerId: c! })).toBe(b);
    // The survivor is itself merged later: the old id leads to the last one.
    const later = await merge(a!, b!);
    expect(await findMergeSurvivor({ customerId: c! })).toBe(a);
    expect(await findMergeSurvivor({ customerId: b! })).toBe(a);
    await undoMerge({ mergeId: later, actor: { id: null, label: "admin" } });
    expect(await findMergeSurvivor({ customerId: b! })).toBeNull();
    expect(await findMergeSurvivor({ customerId: c! })).toBe(b);
    expect(await findMergeSurvivor({ customerId: d! })).toBeNull();
  });
});
