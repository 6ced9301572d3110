import { describe, expect, it } from "vitest";
import { importFixture, retailSample } from "../../test/fixtures/online-retail-fixture";
import { getStats } from "./get-stats";

describe("getStats", () => {
  it("counts what is stored and reports the last import that was not a dry run", async () => {
    expect(await getStats()).toEqual({
      data: { customers: 0, identities: 0, orders: 0, cancellations: 0, orderLines: 0, events: 0 },
      lastImport: null,
    });
    const real = await importFixture({ file: "retail-sample.csv" });
    await importFixture({ file: "retail-sample.csv", dryRun: true });
    const stats = await getStats();
    expect(stats.data).toEqual(retailSample.stored);
    expect(stats.lastImport).toEqual({
      id: real.id,
      kind: "online-retail",
      fileName: "retail-sample.csv",
      status: "succeeded",
      ...retailSample.figures,
      finishedAt: real.finishedAt,
    });
  });
});
