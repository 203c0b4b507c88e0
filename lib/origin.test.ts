import { describe, expect, it } from "vitest";
import { isCrossSite } from "./origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("isCrossSite", () => {
  it("accepts same-site requests and requests without Origin", () => {
    expect(
      isCrossSite(headers({ host: "chat.cairo:3000", origin: "http://chat.cairo:3000" })),
    ).toBe(false);
    expect(isCrossSite(headers({ host: "chat.cairo" }))).toBe(false);
    expect(
      isCrossSite(
        headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "chat.cairo",
          origin: "https://chat.cairo",
        }),
      ),
    ).toBe(false);
  });
  it("refuses another site, a sandboxed origin and a malformed one", () => {
    expect(isCrossSite(headers({ host: "chat.cairo", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSite(headers({ host: "chat.cairo", origin: "null" }))).toBe(true);
    expect(isCrossSite(headers({ host: "chat.cairo", origin: "not a url" }))).toBe(true);
  });
});
