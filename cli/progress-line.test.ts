import { describe, expect, it } from "vitest";
import { createProgressLine } from "./progress-line";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe("createProgressLine", () => {
  it("writes a line per phase and per 10 % when not on a terminal", () => {
    const { stream, written } = fakeStream(false);
    const line = createProgressLine({ label: "Importing", stream });
    for (let pct = 0; pct <= 50; pct += 2) line.update({ phase: "reading", percent: pct, rowsRead: pct * 1000 });
    line.update({ phase: "orders", percent: 58 });
    line.done();
    expect(written).toHaveLength(7);
    expect(written[1]).toBe("Importing:  10% reading  10,000 rows\n");
    expect(written.at(-1)).toBe("Importing:  58% orders\n");
  });

  it("redraws one line in place on a terminal", () => {
    const { stream, written } = fakeStream(true);
    const line = createProgressLine({ label: "Importing", stream });
    line.update({ phase: "reading", percent: 50 });
    line.done();
    expect(written[0]).toMatch(/^\r\x1b\[2KImporting \[#{12}\.{12}\]  50%  reading$/);
    expect(written[1]).toBe("\n");
  });
});
