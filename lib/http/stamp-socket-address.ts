import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { SOCKET_ADDRESS_HEADER } from "./client-address";

let stamping = false;

/**
 * Every HTTP request this process serves gets its TCP peer address in SOCKET_ADDRESS_HEADER, set
 * before any request handler runs (Node's `http.server.request.start` channel) and replacing whatever
 * a client sent under that name. Next.js itself keeps a client's X-Forwarded-For as sent and gives
 * route handlers no socket, so this is how lib/http/client-address.ts tells the real peer from a claim.
 */
export function stampSocketAddresses(): void {
  if (stamping) return;
  stamping = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[SOCKET_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
}
