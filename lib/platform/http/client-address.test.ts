import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, trustedProxyHops } from "./client-address";

const request = (forwardedFor?: string, peer = "192.0.2.10") =>
  new Headers({
    [PEER_ADDRESS_HEADER]: peer,
    ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
  });

describe("clientAddress", () => {
  it("with no trusted proxy, uses the socket's address and ignores X-Forwarded-For", () => {
    expect(clientAddress(request("203.0.113.7"), 0)).toBe("192.0.2.10");
    expect(clientAddress(request("1.1.1.1, 2.2.2.2"), 0)).toBe("192.0.2.10");
    expect(clientAddress(request(), 0)).toBe("192.0.2.10");
  });
  it("with n trusted hops, takes the n-th entry from the right, never a client-written one", () => {
    expect(clientAddress(request("spoofed, 198.51.100.4"), 1)).toBe("198.51.100.4");
    expect(clientAddress(request("spoofed, 198.51.100.4, 10.0.0.2"), 2)).toBe("198.51.100.4");
    expect(clientAddress(request("198.51.100.4"), 1)).toBe("198.51.100.4");
  });
  it("falls back to the peer when there is nothing forwarded", () => {
    expect(clientAddress(request(undefined), 1)).toBe("192.0.2.10");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });
  it("reads TRUSTED_PROXY_HOPS, defaulting to none", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    expect(trustedProxyHops("-1")).toBe(0);
    expect(trustedProxyHops("many")).toBe(0);
  });
});
