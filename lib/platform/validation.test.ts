import { describe, expect, it } from "vitest";
import {
  editMessageSchema,
  formObject,
  idSchema,
  isCommonPassword,
  isInvisible,
  normalizeText,
  parse,
  registerSchema,
  sendMessageSchema,
} from "./validation";

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

describe("text normalisation", () => {
  it("stores valid Unicode in NFC", () => {
    expect(normalizeText("e\u0301")).toBe("\u00e9");
    expect(normalizeText("a\ud800b")).toBe("a\ufffdb");
    const parsed = parse(sendMessageSchema, { receiverId: 2, content: "cafe\u0301 \udc00" });
    expect(parsed.ok && parsed.data.content).toBe("caf\u00e9 \ufffd");
  });
  it("stores line breaks as LF, whether a form (CRLF) or the API sent them", () => {
    for (const content of ["one\r\ntwo\r\n\r\nthree", "one\rtwo\r\rthree", "one\ntwo\n\nthree"]) {
      const parsed = parse(editMessageSchema, { messageId: 1, content });
      expect(parsed.ok && parsed.data.content).toBe("one\ntwo\n\nthree");
    }
  });
  it("refuses NUL and content made only of invisible characters", () => {
    for (const content of ["a\u0000b", "\u200b\u200b", "\u200d \u2060\ufeff", "\u202e", "\u3164"]) {
      expect(parse(sendMessageSchema, { receiverId: 2, content }).ok, JSON.stringify(content)).toBe(
        false,
      );
    }
    expect(parse(sendMessageSchema, { receiverId: 2, content: "hi\u200b" }).ok).toBe(true);
    expect(isInvisible("\u00ad\u2800 \t")).toBe(true);
    expect(isInvisible("\u0627")).toBe(false);
  });
  it("does the same for names", () => {
    const register = (name: string) =>
      parse(registerSchema, { name, email: "a@cairo.test", password: "long enough" });
    expect(register("\u200b").ok).toBe(false);
    expect(register("A\u0000B").ok).toBe(false);
    const ok = register("Zoe\u0301");
    expect(ok.ok && ok.data.name).toBe("Zo\u00e9");
  });
});

describe("passwords", () => {
  const register = (password: string) =>
    parse(registerSchema, { name: "Ada", email: "a@cairo.test", password });
  it("refuses the most common ones, in any case, saying why", () => {
    for (const password of ["12345678", "password123", "Password123", "QWERTYUIOP"]) {
      const result = register(password);
      expect(result.ok, password).toBe(false);
      expect(!result.ok && result.error).toMatch(/most common/);
    }
    expect(isCommonPassword("correct horse battery")).toBe(false);
  });
  it("refuses whitespace-only passwords and keeps the length limits", () => {
    const spaces = register("        ");
    expect(!spaces.ok && spaces.error).toMatch(/only spaces/);
    expect(register("\t\t\t\t\t\t\t\t").ok).toBe(false);
    expect(register("short1!").ok).toBe(false);
    expect(register("x7".repeat(500)).ok).toBe(true);
    expect(register("x".repeat(1_001)).ok).toBe(false);
    expect(register("long enough").ok).toBe(true);
  });
});
