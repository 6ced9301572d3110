import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { clientAddressOf, SOCKET_ADDRESS_HEADER } from "./client-address";
import { parseTrustedProxies } from "./parse-trusted-proxies";
import { stampSocketAddresses } from "./stamp-socket-address";

const request = (socket: string | null, more: Record<string, string> = {}) =>
  new Headers({ ...(socket === null ? {} : { [SOCKET_ADDRESS_HEADER]: socket }), ...more });

async function withTrusted<T>(list: string, work: () => T | Promise<T>): Promise<T> {
  const restore = setEnv({ TRUSTED_PROXIES: list });
  try {
    return await work();
  } finally {
    restore();
  }
}

describe("the client address", () => {
  it("is the connection's own address when no proxy is trusted, whatever X-Forwarded-For or X-Real-IP claim", async () => {
    await withTrusted("", () => {
      expect(clientAddressOf(request("203.0.113.9", { "x-forwarded-for": "198.51.100.1" }))).toBe("203.0.113.9");
      expect(clientAddressOf(request("203.0.113.9", { "x-real-ip": "198.51.100.1" }))).toBe("203.0.113.9");
      expect(clientAddressOf(request("::ffff:127.0.0.1", { "x-forwarded-for": "198.51.100.1" }))).toBe("127.0.0.1");
      // Without the server's stamp there is no address to believe.
      expect(clientAddressOf(request(null, { "x-forwarded-for": "198.51.100.1" }))).toBeNull();
    });
  });

  it("behind trusted proxies, is the last X-Forwarded-For hop that is not one of them; what the client wrote before is ignored", async () => {
    await withTrusted("10.0.0.0/8, 127.0.0.1", () => {
      const from = (socket: string, forwarded: string) => clientAddressOf(request(socket, { "x-forwarded-for": forwarded }));
      expect(from("10.0.0.2", "198.51.100.7")).toBe("198.51.100.7");
      // The client sent "6.6.6.6" itself; the proxy appended the address it saw.
      expect(from("10.0.0.2", "6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
      // Two trusted proxies in a row (a load balancer, then nginx on the same machine).
      expect(from("::ffff:127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3")).toBe("198.51.100.7");
      // A peer that is no trusted proxy is the client, whatever it forwards.
      expect(from("203.0.113.9", "198.51.100.7")).toBe("203.0.113.9");
      // Only trusted hops all the way: the leftmost is the client.
      expect(from("10.0.0.2", "10.0.0.3")).toBe("10.0.0.3");
      // A trusted proxy that names the client in X-Real-IP only.
      expect(clientAddressOf(request("10.0.0.2", { "x-real-ip": "198.51.100.8" }))).toBe("198.51.100.8");
      expect(clientAddressOf(request("10.0.0.2"))).toBe("10.0.0.2");
    });
  });

  it("refuses a TRUSTED_PROXIES entry that is no address or range, naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(/"proxy\.internal" is not an IP address or CIDR range/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/"10\.0\.0\.0\/33"/);
    expect(() => parseTrustedProxies(" 127.0.0.1 , fd00::/8 ,")).not.toThrow();
  });
});

describe("the socket address stamp (what instrumentation.ts installs in the web server)", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    stampSocketAddresses();
    server = http.createServer((req, res) => {
      const headers = new Headers(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string"));
      res.end(clientAddressOf(headers) ?? "none");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("replaces a client's own copy of the header with the connection's address", async () => {
    const claim = { [SOCKET_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "198.51.100.1" };
    const seen = await withTrusted("", () => fetch(url, { headers: claim }).then((r) => r.text()));
    expect(seen).toBe("127.0.0.1");
    // With this machine as a trusted proxy, its X-Forwarded-For is believed.
    const proxied = await withTrusted("127.0.0.1", () => fetch(url, { headers: claim }).then((r) => r.text()));
    expect(proxied).toBe("198.51.100.1");
  });
});
