import http from "node:http";
import https from "node:https";
import { PEER_ADDRESS_HEADER } from "./client-address";

const INSTALLED = Symbol.for("cairo-chat.peer-address-installed");

/**
 * Wraps `emit` of Node's HTTP(S) servers so every "request" carries the socket's remote
 * address in PEER_ADDRESS_HEADER. Patching the prototype also reaches the server `next start`
 * created before instrumentation ran. Idempotent.
 */
export function stampPeerAddress(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Record<symbol, boolean> & {
      emit: (event: string | symbol, ...args: unknown[]) => boolean;
    };
    if (proto[INSTALLED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "unknown";
      }
      return emit.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}
