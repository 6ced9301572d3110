// The bench's reference (tsx scripts/bench/send-bare.ts <smtp url> <pool size> <emails> <sample file>):
// one process, nodemailer's pool with Tailor's pool size, sending pre-built raw MIME messages (those
// Tailor sent, read back from the sink) to fresh addresses as fast as the pool takes them. Prints a
// JSON line with its own CPU seconds.
import { readFileSync } from "node:fs";
import { smtpPool } from "../../lib/sending/smtp-transport";

const [url, pool, emails, sampleFile] = process.argv.slice(2);
const poolSize = Number(pool);
const n = Number(emails);
const sample = readFileSync(sampleFile!, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { from: string; raw: string });
const transport = smtpPool(url!, poolSize);
const cpu = process.cpuUsage();
let next = 0;
// Keeps every connection busy: a few messages queued per connection, as a loop over the pool would.
async function lane(): Promise<void> {
  while (next < n) {
    const i = next++;
    const m = sample[i % sample.length]!;
    await transport.sendMail({ envelope: { from: m.from, to: [`bare-${i}@bench.test`] }, raw: m.raw });
  }
}
await Promise.all(Array.from({ length: poolSize * 2 }, lane));
const used = process.cpuUsage(cpu);
transport.close();
process.stdout.write(`${JSON.stringify({ sent: n, cpuSeconds: (used.user + used.system) / 1e6 })}\n`);
