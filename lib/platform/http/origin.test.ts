import { describe, expect, it } from "vitest";
import {
  appOrigin,
  configuredOrigin,
  crossSiteRefusal,
  isCrossSite,
  REFUSED_WRITE,
  type Refusal,
  refusalLogger,
  refusalMessage,
  siteOrigin,
} from "./origin";

/** A request as the proxy and the route handlers see it: Next builds the URL's scheme. */
const request = (headers: Record<string, string>, url = "http://localhost:3000/register") => ({
  url,
  headers: new Headers(headers),
});
const UNSET = {};
const APP = { APP_ORIGIN: "https://chat.cairo" };

describe("configuredOrigin and appOrigin", () => {
  it("is APP_ORIGIN when set, reduced to its origin", () => {
    expect(configuredOrigin({ APP_ORIGIN: "https://chat.cairo/some/path" })).toBe(
      "https://chat.cairo",
    );
    expect(appOrigin({ APP_ORIGIN: "https://chat.cairo/some/path" })).toBe("https://chat.cairo");
  });
  it("counts an empty APP_ORIGIN as unset", () => {
    expect(configuredOrigin({ APP_ORIGIN: " " })).toBeNull();
    expect(configuredOrigin({})).toBeNull();
  });
  it("defaults to what next start serves", () => {
    expect(appOrigin({ __NEXT_PRIVATE_ORIGIN: "http://127.0.0.1:3301" })).toBe(
      "http://127.0.0.1:3301",
    );
    expect(appOrigin({ PORT: "4000" })).toBe("http://localhost:4000");
    expect(appOrigin({})).toBe("http://localhost:3000");
  });
});

describe("without APP_ORIGIN: the address the request was sent to", () => {
  it("accepts an Origin equal to the Host, whatever address the server guessed", () => {
    // `npm run demo` serves http://localhost:3000; the browser opened http://127.0.0.1:3000.
    const local = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };
    expect(crossSiteRefusal(request(local), UNSET)).toBeNull();
    // The Network URL that next start prints, opened from a colleague's machine.
    const network = { host: "192.168.1.20:3000", origin: "http://192.168.1.20:3000" };
    expect(crossSiteRefusal(request(network), UNSET)).toBeNull();
    expect(isCrossSite(request(network), UNSET)).toBe(false);
  });
  it("compares with X-Forwarded-Host (its first value) when a proxy sets it, as Next does", () => {
    const forwarded = {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "chat.cairo, 10.0.0.5",
      origin: "https://chat.cairo",
    };
    expect(crossSiteRefusal(request(forwarded, "https://10.0.0.5:3000/"), UNSET)).toBeNull();
    expect(
      crossSiteRefusal(
        request({ ...forwarded, origin: "https://10.0.0.5:3000" }, "https://10.0.0.5:3000/"),
        UNSET,
      ),
    ).not.toBeNull();
  });
  it("compares the scheme the request came in with (the URL Next builds)", () => {
    const headers = { host: "chat.cairo", origin: "http://chat.cairo" };
    expect(crossSiteRefusal(request(headers, "https://chat.cairo/"), UNSET)).not.toBeNull();
    expect(crossSiteRefusal(request(headers, "http://chat.cairo/"), UNSET)).toBeNull();
  });
  it("refuses another site, another port, a sandboxed origin and a malformed one", () => {
    const host = { host: "127.0.0.1:3000" };
    for (const origin of [
      "http://evil.example",
      "http://127.0.0.1:3001",
      "null",
      "not a url",
      "http://127.0.0.1:3000.evil.example",
    ]) {
      expect(crossSiteRefusal(request({ ...host, origin }), UNSET), origin).toEqual({
        sent: origin,
        expected: "http://127.0.0.1:3000",
        configured: false,
      });
    }
  });
  it("refuses when there is no Host to compare with, or a Host that is not one", () => {
    expect(crossSiteRefusal(request({ origin: "http://127.0.0.1:3000" }), UNSET)).not.toBeNull();
    const odd = { host: "127.0.0.1:3000/x", origin: "http://127.0.0.1:3000" };
    expect(crossSiteRefusal(request(odd), UNSET)).not.toBeNull();
  });
  it("accepts requests without Origin (no browser sends a cross-site write without one)", () => {
    expect(crossSiteRefusal(request({ host: "127.0.0.1:3000" }), UNSET)).toBeNull();
  });
  it("redirects to the address the request was sent to", () => {
    expect(siteOrigin(request({ host: "127.0.0.1:3000" }), UNSET)).toBe("http://127.0.0.1:3000");
    expect(siteOrigin(request({}), { PORT: "3000" })).toBe("http://localhost:3000");
  });
});

describe("with APP_ORIGIN: that origin only", () => {
  it("accepts the app's own origin and requests without Origin", () => {
    expect(
      crossSiteRefusal(request({ host: "chat.cairo", origin: "https://chat.cairo" }), APP),
    ).toBeNull();
    expect(crossSiteRefusal(request({ host: "chat.cairo" }), APP)).toBeNull();
  });
  it("refuses another site, a sandboxed origin and a malformed one", () => {
    for (const origin of ["https://evil.example", "null", "not a url"]) {
      expect(crossSiteRefusal(request({ origin }), APP)).toEqual({
        sent: origin,
        expected: "https://chat.cairo",
        configured: true,
      });
    }
  });
  it("compares the scheme and port too", () => {
    expect(isCrossSite(request({ origin: "http://chat.cairo" }), APP)).toBe(true);
    expect(isCrossSite(request({ origin: "https://chat.cairo:8443" }), APP)).toBe(true);
  });
  it("never trusts Host or X-Forwarded-Host", () => {
    const forged = {
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      origin: "http://evil.example",
    };
    expect(isCrossSite(request(forged, "http://evil.example/"), APP)).toBe(true);
    // The app opened at an address other than the one configured.
    const local = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };
    expect(isCrossSite(request(local), { APP_ORIGIN: "http://localhost:3000" })).toBe(true);
  });
  it("redirects to APP_ORIGIN, whatever Host says", () => {
    expect(siteOrigin(request({ host: "evil.example" }), APP)).toBe("https://chat.cairo");
  });
});

describe("a refusal, for people", () => {
  const configured: Refusal = {
    sent: "http://127.0.0.1:3000",
    expected: "http://localhost:3000",
    configured: true,
  };
  const unset: Refusal = {
    sent: "http://evil.example",
    expected: "http://127.0.0.1:3000",
    configured: false,
  };
  it("says what happened and which variable to set", () => {
    const message = refusalMessage(configured);
    expect(message.startsWith(REFUSED_WRITE)).toBe(true);
    expect(message).toContain("http://127.0.0.1:3000");
    expect(message).toContain("APP_ORIGIN is http://localhost:3000");
    expect(refusalMessage(unset).startsWith(REFUSED_WRITE)).toBe(true);
    expect(refusalMessage(unset)).toContain("set APP_ORIGIN");
    expect(refusalMessage({ ...unset, sent: "null" })).toContain("a sandboxed page");
  });
  it("is logged once per origin, not once per request", () => {
    const lines: string[] = [];
    const log = refusalLogger((line) => lines.push(line));
    log(configured);
    log(configured);
    log(unset);
    log({ ...unset, expected: "http://192.168.1.20:3000" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("APP_ORIGIN");
    expect(lines[0]).toContain("http://127.0.0.1:3000");
    expect(lines[1]).toContain("http://evil.example");
  });
  it("writes an origin the client sent as a quoted, bounded string", () => {
    const lines: string[] = [];
    const log = refusalLogger((line) => lines.push(line));
    log({ ...unset, sent: `http://a\n[origin] forged line${"x".repeat(500)}` });
    expect(lines[0]).not.toContain("\n[origin] forged");
    expect(lines[0]?.length).toBeLessThan(600);
  });
});
