import { describe, expect, it } from "vitest";
import { appOrigin, isCrossSite } from "./origin";

const headers = (values: Record<string, string>) => new Headers(values);
const APP = "https://chat.cairo";

describe("appOrigin", () => {
  it("is APP_ORIGIN when set, reduced to its origin", () => {
    expect(appOrigin({ APP_ORIGIN: "https://chat.cairo/some/path" })).toBe("https://chat.cairo");
  });
  it("defaults to what next start serves", () => {
    expect(appOrigin({ __NEXT_PRIVATE_ORIGIN: "http://127.0.0.1:3301" })).toBe(
      "http://127.0.0.1:3301",
    );
    expect(appOrigin({ PORT: "4000" })).toBe("http://localhost:4000");
    expect(appOrigin({})).toBe("http://localhost:3000");
  });
});

describe("isCrossSite", () => {
  it("accepts the app's own origin and requests without Origin", () => {
    expect(isCrossSite(headers({ host: "chat.cairo", origin: APP }), APP)).toBe(false);
    expect(isCrossSite(headers({ host: "chat.cairo" }), APP)).toBe(false);
  });
  it("refuses another site, a sandboxed origin and a malformed one", () => {
    expect(isCrossSite(headers({ origin: "https://evil.example" }), APP)).toBe(true);
    expect(isCrossSite(headers({ origin: "null" }), APP)).toBe(true);
    expect(isCrossSite(headers({ origin: "not a url" }), APP)).toBe(true);
  });
  it("compares the scheme and port too", () => {
    expect(isCrossSite(headers({ origin: "http://chat.cairo" }), APP)).toBe(true);
    expect(isCrossSite(headers({ origin: "https://chat.cairo:8443" }), APP)).toBe(true);
  });
  it("never trusts Host or X-Forwarded-Host", () => {
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example" };
    expect(isCrossSite(headers({ ...forged, origin: "http://evil.example" }), APP)).toBe(true);
  });
});
