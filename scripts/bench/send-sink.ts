// The bench's SMTP sink, in its own process (tsx scripts/bench/send-sink.ts <port> <sample-file>):
// accepts and discards every message, counting copies per recipient address and keeping the first
// 1,000 messages whole (the bare loop sends those again). Answers one-line commands on stdin:
// "reset" (forget the counts), "report" (a JSON line on stdout), "sample" (writes the kept messages
// to the sample file as JSON lines).
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { SMTPServer } from "smtp-server";

const port = Number(process.argv[2] ?? 0);
const sampleFile = process.argv[3] ?? "";
let copies = new Map<string, number>();
let accepted = 0;
let first = 0;
let last = 0;
const sample: { from: string; raw: string }[] = [];

const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  disableReverseLookup: true,
  logger: false,
  maxClients: 200,
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    const keep = sample.length < 1000;
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => {
      if (keep) chunks.push(c);
    });
    stream.on("end", () => {
      const now = Date.now();
      if (!first) first = now;
      last = now;
      for (const r of session.envelope.rcptTo) {
        copies.set(r.address, (copies.get(r.address) ?? 0) + 1);
        accepted++;
      }
      if (keep && sample.length < 1000)
        sample.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          raw: Buffer.concat(chunks).toString("utf8"),
        });
      callback();
    });
  },
});
// A client that goes away mid-transaction resets its connection: a server notes it and carries on.
server.on("error", () => undefined);
server.listen(port, "127.0.0.1", () => {
  const address = server.server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ listening: address.port })}\n`);
});

createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "reset") {
    copies = new Map();
    accepted = 0;
    first = 0;
    last = 0;
    process.stdout.write(`${JSON.stringify({ reset: true })}\n`);
  } else if (line === "report") {
    let duplicates = 0;
    for (const n of copies.values()) duplicates += n - 1;
    process.stdout.write(`${JSON.stringify({ accepted, unique: copies.size, duplicates, first, last })}\n`);
  } else if (line.startsWith("missing ")) {
    // The addresses (one JSON array) that never arrived.
    const expected = JSON.parse(line.slice(8)) as string[];
    process.stdout.write(`${JSON.stringify({ missing: expected.filter((a) => !copies.has(a)).length })}\n`);
  } else if (line === "sample") {
    writeFileSync(sampleFile, sample.map((s) => JSON.stringify(s)).join("\n"));
    process.stdout.write(`${JSON.stringify({ sample: sample.length })}\n`);
  }
});
