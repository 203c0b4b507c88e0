import { describe, expect, it } from "vitest";
import { update } from "@/db/events";
import { sendMessage } from "@/lib/messaging/messages";
import { listNotifications, unreadCounts } from "@/lib/unread/notifications";
import { allRows, bool, makeUser } from "./helpers";

async function send(senderId: number, receiverId: number, content = "hello") {
  const result = await sendMessage(senderId, { receiverId, content });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

describe("the notifications receiver", () => {
  it("creates exactly one unread notification for the receiver, linked to the message", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Brian");
    const message = await send(a.id, b.id);
    expect(await allRows("notifications")).toEqual([
      expect.objectContaining({
        user_id: b.id,
        message_id: message.id,
        kind: "message",
      }),
    ]);
    expect(bool((await allRows("notifications"))[0]?.read)).toBe(false);
    expect(await listNotifications(a.id)).toEqual([]);
    expect((await unreadCounts(b.id)).notifications).toBe(1);
  });

  it("makes no notification when a message is updated", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const message = await send(a.id, b.id);
    await update("messages", message.id, { content: "changed" });
    await update("messages", message.id, { read: true });
    expect(await allRows("notifications")).toHaveLength(1);
  });

  it("gives N messages to several users N notifications, each for the right receiver", async () => {
    const sender = await makeUser("Sender");
    const receivers = [await makeUser(), await makeUser(), await makeUser()];
    const sent = [];
    for (let i = 0; i < 9; i++) {
      const receiver = receivers[i % receivers.length];
      if (!receiver) throw new Error("unreachable");
      sent.push(await send(sender.id, receiver.id, `message ${i}`));
    }
    const rows = await allRows("notifications");
    expect(rows).toHaveLength(9);
    for (const message of sent) {
      const forMessage = rows.filter((n) => n.message_id === message.id);
      expect(forMessage).toEqual([expect.objectContaining({ user_id: message.receiverId })]);
    }
    for (const receiver of receivers) expect(await listNotifications(receiver.id)).toHaveLength(3);
  });

  it("makes none for a message to yourself, which is stored already read", async () => {
    const a = await makeUser();
    const note = await send(a.id, a.id, "note to self");
    expect(note.read).toBe(true);
    expect(await allRows("notifications")).toEqual([]);
    expect(await unreadCounts(a.id)).toEqual({ inbox: 0, notifications: 0 });
  });

  it("lists notifications newest first with who wrote them", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Brian");
    await send(a.id, b.id, "first");
    await send(a.id, b.id, "second");
    const list = await listNotifications(b.id);
    expect(list.map((n) => [n.senderName, n.snippet])).toEqual([
      ["Ada", "second"],
      ["Ada", "first"],
    ]);
  });
});
