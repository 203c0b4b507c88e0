import "server-only";
import type { Reaction } from "@/db/schema";
import type { MessageRef } from "@/lib/messaging/touched";
import { liveBus } from "./bus";
import { reactionChanged } from "./events";
import { namesOf } from "./payload";

/**
 * A reaction turned on or off, told to whoever sees its message: both people of a direct
 * message, or once for a room (delivered to its members' open streams only).
 */
export async function publishReactionEvent(
  reaction: Reaction,
  message: MessageRef,
  rootId: number | undefined,
): Promise<void> {
  const name = (await namesOf([reaction.userId])).get(reaction.userId);
  if (name === undefined) return; // the reactor is gone: their account's deletion refreshes views
  const change = {
    messageId: reaction.messageId,
    emoji: reaction.emoji,
    user: { id: reaction.userId, name },
    reacted: Boolean(reaction.active),
  };
  const roots = rootId === undefined ? [] : [rootId];
  if (message.roomId !== null) {
    await liveBus().publishRoom(
      message.roomId,
      reactionChanged({ roomId: message.roomId }, roots, change),
    );
    return;
  }
  const { senderId, receiverId } = message;
  if (senderId === null || receiverId === null) return;
  await liveBus().publish(
    senderId,
    reactionChanged({ conversationWith: receiverId }, roots, change),
  );
  if (receiverId !== senderId) {
    await liveBus().publish(
      receiverId,
      reactionChanged({ conversationWith: senderId }, roots, change),
    );
  }
}
