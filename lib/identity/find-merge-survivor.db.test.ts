import { describe, expect, it } from "vitest";
import { db } from "../db";
import { findMergeSurvivor } from "./find-merge-survivor";
import { mergeProfiles } from "./identity-fixtures";
import { undoMerge } from "./undo-merge";

const merge = (survivorId: number, mergedId: number) => mergeProfiles(survivorId, mergedId);

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
