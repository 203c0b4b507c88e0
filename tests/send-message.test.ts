import { describe, expect, it } from "vitest";
import { sendMessage } from "@/lib/messaging/messages";
import { makeUser, rowCounts } from "./helpers";

describe("sendMessage refuses bad input and writes nothing", () => {
  const cases: [string, (receiverId: number) => unknown, RegExp][] = [
    ["empty content", (r) => ({ receiverId: r, content: "" }), /cannot be empty/],
    ["whitespace-only content", (r) => ({ receiverId: r, content: " \n\t " }), /cannot be empty/],
    [
      "content over 10,000 characters",
      (r) => ({ receiverId: r, content: "x".repeat(10_001) }),
      /at most 10,000/,
    ],
    ["an unknown receiver", () => ({ receiverId: 999_999, content: "hi" }), /does not exist/],
    ["a malformed id", () => ({ receiverId: "abc", content: "hi" }), /id is not valid/],
    ["a negative id", () => ({ receiverId: -3, content: "hi" }), /id is not valid/],
    ["a fractional id", () => ({ receiverId: "1.5", content: "hi" }), /id is not valid/],
    ["a boolean id", () => ({ receiverId: true, content: "hi" }), /id is not valid/],
    ["an id in a list", (r) => ({ receiverId: [r], content: "hi" }), /id is not valid/],
    ["a huge id", () => ({ receiverId: "9".repeat(30), content: "hi" }), /id is not valid/],
    ["a missing body", () => undefined, /./],
    ["content of the wrong type", (r) => ({ receiverId: r, content: { text: "hi" } }), /./],
  ];

  for (const [name, input, message] of cases) {
    it(`refuses ${name}`, async () => {
      const a = await makeUser();
      const b = await makeUser();
      const before = await rowCounts();
      const result = await sendMessage(a.id, input(b.id));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
      expect(await rowCounts()).toEqual(before);
    });
  }

  it("accepts exactly 10,000 characters and trims the content", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const long = await sendMessage(a.id, { receiverId: b.id, content: "y".repeat(10_000) });
    expect(long.ok).toBe(true);
    const trimmed = await sendMessage(a.id, { receiverId: String(b.id), content: "  hi  " });
    expect(trimmed.ok && trimmed.data.content).toBe("hi");
  });

  it("names the field that failed, for the form", async () => {
    const a = await makeUser();
    const result = await sendMessage(a.id, { receiverId: a.id, content: "" });
    expect(!result.ok && result.fieldErrors?.content?.[0]).toMatch(/cannot be empty/);
  });
});
