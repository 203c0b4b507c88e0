import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

describe("safeRedirectPath", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirectPath("/messages/3?x=1#m")).toBe("/messages/3?x=1#m");
  });
  it("keeps only the path of an absolute URL, whatever its host", () => {
    expect(safeRedirectPath("http://localhost:3000/inbox")).toBe("/inbox");
    expect(safeRedirectPath("https://evil.example/steal")).toBe("/steal");
  });
  it("turns a protocol-relative URL into a path on this site", () => {
    expect(safeRedirectPath("//evil.example/x")).toBe("/x");
  });
  it("falls back for empty, non-string and auth-page targets", () => {
    for (const value of ["", undefined, 42, "/login", "/register?x"]) {
      expect(safeRedirectPath(value)).toBe("/messages");
    }
  });
});
