// The development Outbox alone (tsx workers/outbox.ts): an SMTP server on OUTBOX_SMTP_PORT that keeps
// what it receives on the Outbox page. `npm run worker` runs it too when SMTP_URL is unset; the
// browser tests run this one beside the web app.
import { disconnectDb } from "../lib/db";
import { startOutboxServer } from "../lib/sending/outbox-server";

const outbox = await startOutboxServer({ log: (line) => console.log(line) });
console.log(`Outbox SMTP server listening on 127.0.0.1:${outbox.port}`);
const stop = async () => {
  await outbox.close();
  await disconnectDb();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
