import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { closeTransports, pooledTransport } from "./smtp-transport";

let server: SMTPServer;
let connections = 0;
let restoreEnv: () => void;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => callback());
    },
  });
  server.on("error", () => undefined);
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  restoreEnv = setEnv({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
});
afterAll(async () => {
  closeTransports();
  restoreEnv();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("pooledTransport", () => {
  it("keeps its pool's connections open: many messages over at most the pool size of connections", async () => {
    const transport = pooledTransport(2);
    const raw = "From: a@example.test\r\nTo: b@example.test\r\nSubject: Hi\r\n\r\nHello\r\n";
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => transport.sendMail({ envelope: { from: "a@example.test", to: [`r${i}@example.test`] }, raw })),
    );
    expect(connections).toBeLessThanOrEqual(2);
  });
});
