import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildMime } from "./build-mime";

const message = (html: string, text: string) =>
  buildMime({
    from: { name: "Hearth & Home", address: "news@hearth.test" },
    to: "ana@example.test",
    subject: "Spring — news",
    messageId: "<1.2@hearth.test>",
    date: new Date("2026-12-07T08:00:00Z"),
    headers: { "List-Unsubscribe": "<https://hearth.test/u/x>" },
    html,
    text,
  });

describe("buildMime", () => {
  it("encodes a non-ASCII body as base64 in lines of at most 76 characters that decode to the body", async () => {
    const html = `<p>Prices in £ and € — ${"déjà vu ".repeat(400)}</p>`;
    const raw = message(html, "Plain text");
    const b64 = raw.slice(raw.indexOf("Content-Transfer-Encoding: base64\r\n\r\n") + 37, raw.lastIndexOf("\r\n--"));
    const lines = b64.split("\r\n");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 76)).toBe(true);
    expect(lines.slice(0, -1).every((l) => l.length === 76)).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.html).toBe(html);
    expect(parsed.text?.trim()).toBe("Plain text");
    expect(parsed.subject).toBe("Spring — news");
  });
});
