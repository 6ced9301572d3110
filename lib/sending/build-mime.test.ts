import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildMime, buildMimeBuffer } from "./build-mime";

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

  it("writes the message straight into one Buffer: UTF-8 headers, a 7bit part with CRLF lines and a base64 part, byte for byte", async () => {
    const html = `<p>Caf\u00e9 for Zo\u00eb</p>\n<p>${"x".repeat(100)}</p>`;
    const text = "Hello Zoe\nLine two\r\nLine three";
    const raw = buildMimeBuffer({
      from: { name: "Caf\u00e9 & Co", address: "news@hearth.test" },
      to: "zo\u00eb@example.test",
      subject: "Spring \u2014 news",
      messageId: "<1.2@hearth.test>",
      date: new Date("2026-12-07T08:00:00Z"),
      headers: { "List-Unsubscribe": "<https://hearth.test/u/x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      html,
      text,
    });
    expect(Buffer.isBuffer(raw)).toBe(true);
    const s = raw.toString("utf8");
    expect(Buffer.byteLength(s)).toBe(raw.length);
    expect(s).toContain("To: <zo\u00eb@example.test>\r\n");
    expect(s).toContain("Content-Transfer-Encoding: 7bit\r\n\r\nHello Zoe\r\nLine two\r\nLine three\r\n--");
    expect(s.split("\r\n").join("").includes("\n")).toBe(false);
    const parsed = await simpleParser(raw);
    expect(parsed.html).toBe(html);
    expect(parsed.text).toBe("Hello Zoe\nLine two\nLine three");
    expect(parsed.subject).toBe("Spring \u2014 news");
    expect(parsed.from?.value[0]).toEqual({ name: "Caf\u00e9 & Co", address: "news@hearth.test" });
    expect(s).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
  });
});
