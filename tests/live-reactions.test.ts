import { describe, expect, it } from "vitest";
import { liveBus } from "@/lib/live/bus";
import type { LiveEvent } from "@/lib/live/types";
import { replyToMessage } from "@/lib/messaging/threads";
import { toggleReaction } from "@/lib/reactions/reactions";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { createRoom } from "@/lib/rooms/rooms";
import { expectOk, makeUser, send } from "./helpers";

function collect(userId: number) {
  const events: LiveEvent[] = [];
  const unsubscribe = liveBus().subscribe(userId, (e) => events.push(e));
  return { data: () => events.map((e) => e.data), unsubscribe };
}

describe("reactions, live", () => {
  it("reach both people of a direct message, in its thread too, and nobody else; no notification", async () => {
    const amira = await makeUser("Amira");
    const bilal = await makeUser("Bilal");
    const stranger = await makeUser("Stranger");
    const root = await send(amira.id, bilal.id, "root");
    const reply = expectOk(
      await replyToMessage(bilal.id, { parentMessageId: root.id, content: "reply" }),
    );
    const [forAmira, forBilal, forStranger] = [amira, bilal, stranger].map((u) => collect(u.id));
    expectOk(await toggleReaction(amira.id, { messageId: reply.id, emoji: "🎉" }));
    const change = {
      type: "reaction.changed",
      messageIds: [reply.id],
      threadRootIds: [root.id],
      countsUnchanged: true,
      reaction: {
        messageId: reply.id,
        emoji: "🎉",
        user: { id: amira.id, name: "Amira" },
        reacted: true,
      },
    };
    expect(forAmira?.data()).toEqual([{ ...change, conversationWith: bilal.id }]);
    expect(forBilal?.data()).toEqual([{ ...change, conversationWith: amira.id }]);
    expect(forStranger?.data()).toEqual([]);
  });

  it("in a private room reach its members' streams only", async () => {
    const amira = await makeUser("Amira");
    const stranger = await makeUser("Stranger");
    const room = expectOk(await createRoom(amira.id, { name: "secret", kind: "private" }));
    const said = expectOk(await sendRoomMessage(amira.id, { roomId: room.id, content: "x" }));
    const [forAmira, forStranger] = [collect(amira.id), collect(stranger.id)];
    expectOk(await toggleReaction(amira.id, { messageId: said.id, emoji: "👍" }));
    expect(forAmira.data()).toEqual([
      expect.objectContaining({ type: "reaction.changed", roomId: room.id }),
    ]);
    expect(forStranger.data()).toEqual([]);
  });
});
