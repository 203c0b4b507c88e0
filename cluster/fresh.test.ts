import { beforeAll, describe, expect, it } from "vitest";
import { callFormAction, formState } from "../test-kit/actions";
import type { Person } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import {
  cluster,
  printLogsOnFailure,
  sameSessionOn,
  seedPeople,
  send,
  signIn,
} from "./support/cluster";

interface Conversation {
  messages: { id: number; content: string; deleted: boolean; edited: boolean }[];
}
interface Thread {
  rootId: number;
  messages: { id: number; content: string; deleted: boolean; edited: boolean }[];
}

/**
 * A write through server A, then a read through server B at once: B shows it, although B
 * had the page in its data cache from just before (the shared cache, expired by A's write).
 */
describe("write through server A, read through server B at once: fresh", () => {
  printLogsOnFailure();
  let ada: Person;
  let bo: Person;
  /** Ada's session on server A, and the same session on server B. */
  let onA: Client;
  let onB: Client;

  beforeAll(async () => {
    [ada, bo] = (await seedPeople(["Fresh Ada", "Fresh Bo"])) as [Person, Person];
    const [a, b] = cluster().serverUrls as [string, string];
    onA = await signIn(a, ada);
    onB = sameSessionOn(onA, b);
  });

  const conversationOn = async (client: Client) => {
    const response = await client.json("GET", `/api/conversations/${bo.id}`);
    expect(response.status).toBe(200);
    return response.body as Conversation;
  };
  const threadOn = async (client: Client, id: number) => {
    const response = await client.json("GET", `/api/threads/${id}`);
    expect(response.status).toBe(200);
    return response.body as Thread;
  };
  const action = async (
    name: "editMessageAction" | "deleteMessageAction",
    fields: Record<string, string>,
  ) => {
    const response = await callFormAction(onA, name, fields, { page: `/messages/${bo.id}` });
    expect(response.status).toBe(200);
    expect(formState(response)).toMatchObject({ ok: true });
  };

  it("a conversation: a message sent on A is on B's next read", async () => {
    const first = await send(onA, { receiverId: bo.id, content: "fresh: first" });
    expect(first.status).toBe(201);
    // Both servers have the page cached now.
    for (const client of [onA, onB]) {
      expect((await conversationOn(client)).messages.map((m) => m.id)).toContain(first.id);
    }
    const second = await send(onA, { receiverId: bo.id, content: "fresh: second" });
    expect(second.status).toBe(201);
    expect((await conversationOn(onB)).messages.map((m) => m.id)).toContain(second.id);
  });

  it("a thread: a reply sent on A is in B's thread at once", async () => {
    const root = await send(onA, { receiverId: bo.id, content: "fresh: thread root" });
    const first = await send(onA, { parentMessageId: root.id, content: "fresh: reply 1" });
    expect(first.status).toBe(201);
    for (const client of [onA, onB]) {
      expect((await threadOn(client, root.id ?? 0)).messages.map((m) => m.id)).toContain(first.id);
    }
    const second = await send(onA, { parentMessageId: first.id, content: "fresh: reply 2" });
    expect(second.status).toBe(201);
    expect((await threadOn(onB, root.id ?? 0)).messages.map((m) => m.id)).toContain(second.id);
  });

  it("an edit on A shows on B at once, in the conversation and the thread", async () => {
    const root = await send(onA, { receiverId: bo.id, content: "fresh: before the edit" });
    const reply = await send(onA, { parentMessageId: root.id, content: "fresh: reply to edit" });
    expect(reply.status).toBe(201);
    await conversationOn(onB);
    await threadOn(onB, root.id ?? 0);
    await action("editMessageAction", { messageId: String(root.id), content: "fresh: edited" });
    const inConversation = (await conversationOn(onB)).messages.find((m) => m.id === root.id);
    expect(inConversation).toMatchObject({ content: "fresh: edited", edited: true });
    const inThread = (await threadOn(onB, root.id ?? 0)).messages.find((m) => m.id === root.id);
    expect(inThread).toMatchObject({ content: "fresh: edited", edited: true });
  });

  it("a delete on A shows on B at once, in the conversation and the thread", async () => {
    const root = await send(onA, { receiverId: bo.id, content: "fresh: to be deleted" });
    const reply = await send(onA, { parentMessageId: root.id, content: "fresh: reply stays" });
    expect(reply.status).toBe(201);
    await conversationOn(onB);
    await threadOn(onB, root.id ?? 0);
    await action("deleteMessageAction", { messageId: String(root.id) });
    const inConversation = (await conversationOn(onB)).messages.find((m) => m.id === root.id);
    // A deleted message with replies stays as a tombstone, its text gone.
    expect(inConversation).toMatchObject({ deleted: true, content: "" });
    expect(JSON.stringify(await conversationOn(onB))).not.toContain("fresh: to be deleted");
    expect(JSON.stringify(await threadOn(onB, reply.id ?? 0))).not.toContain(
      "fresh: to be deleted",
    );
  });
});
