import { describe, expect, it } from "vitest";
import { formObject, idSchema } from "./validation";

describe("idSchema", () => {
  it("accepts positive integers as numbers or digit strings", () => {
    expect(idSchema.parse(3)).toBe(3);
    expect(idSchema.parse(" 42 ")).toBe(42);
  });
  it("refuses booleans, lists, fractions, negatives, words and the empty string", () => {
    for (const value of [true, false, [2], "1.5", 1.5, -1, 0, "abc", "", null, undefined, {}]) {
      expect(idSchema.safeParse(value).success).toBe(false);
    }
  });
});

describe("formObject", () => {
  it("reads FormData and treats anything else as an empty form", () => {
    const form = new FormData();
    form.set("content", "hi");
    expect(formObject(form)).toEqual({ content: "hi" });
    expect(formObject("messageId=1")).toEqual({});
    expect(formObject(undefined)).toEqual({});
  });
});
