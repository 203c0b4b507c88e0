import { describe, expect, it } from "vitest";
import { conversationStep } from "./conversation-steps";

describe("conversationStep", () => {
  const list = [
    { id: 5, unread: 0 },
    { id: 3, unread: 2 },
    { id: 9, unread: 0 },
    { id: 7, unread: 1 },
  ];
  it("moves to the conversation below or above, stopping at the ends", () => {
    expect(conversationStep(list, 3, "down", false)).toBe(9);
    expect(conversationStep(list, 3, "up", false)).toBe(5);
    expect(conversationStep(list, 5, "up", false)).toBeNull();
    expect(conversationStep(list, 7, "down", false)).toBeNull();
  });
  it("skips read conversations with unreadOnly", () => {
    expect(conversationStep(list, 5, "down", true)).toBe(3);
    expect(conversationStep(list, 3, "down", true)).toBe(7);
    expect(conversationStep(list, 7, "up", true)).toBe(3);
  });
  it("starts from the first (down) or the last (up) outside a conversation", () => {
    expect(conversationStep(list, null, "down", false)).toBe(5);
    expect(conversationStep(list, null, "up", false)).toBe(7);
    expect(conversationStep(list, null, "down", true)).toBe(3);
    expect(conversationStep([], null, "down", false)).toBeNull();
  });
});
