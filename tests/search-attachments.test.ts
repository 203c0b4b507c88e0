import { rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { countAsync } from "@/db/statement-counter";
import { filesDir } from "@/lib/files/storage";
import { storeUpload } from "@/lib/files/upload";
import { deleteMessage, editMessage, sendMessage } from "@/lib/messaging/messages";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom } from "@/lib/rooms/rooms";
import { type SearchResult, searchMessages } from "@/lib/search/search";
import { loadInbox } from "@/lib/unread/inbox";
import { listNotifications } from "@/lib/unread/notifications";
import { pdf } from "@/test-kit/files";
import { expectOk, makeUser } from "./helpers";

async function uploaded(userId: number, name: string) {
  const bytes = await pdf();
  const outcome = await storeUpload(userId, {
    name,
    claimedType: "application/pdf",
    declaredSize: bytes.length,
    body: Readable.from([bytes]),
  });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.attachment;
}

async function hits(viewerId: number, q: string): Promise<SearchResult[]> {
  return expectOk(await searchMessages(viewerId, { q })).results;
}

const ids = async (viewerId: number, q: string) => (await hits(viewerId, q)).map((r) => r.id);

/** The matched files of a hit, their matched words in [brackets]. */
function marked(result: SearchResult | undefined): string[] {
  return (result?.files ?? []).map((segments) =>
    segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join(""),
  );
}

describe("search by attachment name", () => {
  it("finds a direct message by a word or word start of its file's name, for its two people only", async () => {
    await rm(filesDir(), { recursive: true, force: true });
    const [ada, ben, cy] = [await makeUser("Ada"), await makeUser("Ben"), await makeUser("Cy")];
    const report = await uploaded(ada.id, "Q3-budget_final.pdf");
    const other = await uploaded(ada.id, "minutes.pdf");
    const message = expectOk(
      await sendMessage(ada.id, {
        receiverId: ben.id,
        content: "see attached",
        attachmentIds: [other.id, report.id],
      }),
    );
    await sendMessage(ada.id, { receiverId: ben.id, content: "nothing here" });
    expect(await ids(ben.id, "budget")).toEqual([message.id]);
    expect(await ids(ada.id, "budg")).toEqual([message.id]);
    expect(await ids(ben.id, "q3")).toEqual([message.id]);
    // A word of the text and a word of a file's name together.
    expect(await ids(ben.id, "attached final")).toEqual([message.id]);
    expect(await ids(cy.id, "budget")).toEqual([]);
    const [hit] = await hits(ben.id, "budg");
    expect(marked(hit)).toEqual(["Q3-[budget]_final.pdf"]);
    expect(hit?.snippet).toEqual([{ text: "see attached", match: false }]);
    // The text's highlights are kept; a file that matches nothing is not listed.
    const [both] = await hits(ben.id, "attach");
    expect(both?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(["attached"]);
    expect(both?.files).toEqual([]);
    // An edit keeps the files findable; a deleted message is gone from search.
    expectOk(await editMessage(ada.id, { messageId: message.id, content: "new text" }));
    expect(await ids(ben.id, "budget")).toEqual([message.id]);
    expectOk(await deleteMessage(ada.id, { messageId: message.id }));
    expect(await ids(ben.id, "budget")).toEqual([]);
  });

  it("finds a room message by its file's name for the room's members only, in two statements", async () => {
    await rm(filesDir(), { recursive: true, force: true });
    const [ada, ben, cy] = [await makeUser("Ada"), await makeUser("Ben"), await makeUser("Cy")];
    const room = expectOk(
      await createRoom(ada.id, { name: "finance", kind: "private", topic: "" }),
    );
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: ben.id }));
    const file = await uploaded(ada.id, "forecast-2027.pdf");
    const message = expectOk(
      await sendRoomMessage(ada.id, { roomId: room.id, content: "", attachmentIds: [file.id] }),
    );
    expect(await ids(ben.id, "forecast")).toEqual([message.id]);
    expect(await ids(ben.id, "forec in:#finance")).toEqual([message.id]);
    expect(await ids(ben.id, "forecast has:file")).toEqual([message.id]);
    expect(await ids(cy.id, "forecast")).toEqual([]);
    const counted = await countAsync(() => searchMessages(ben.id, { q: "forecast" }));
    expect(counted.count).toBe(2);
    expect(marked(counted.result.ok ? counted.result.data.results[0] : undefined)).toEqual([
      "[forecast]-2027.pdf",
    ]);
  });
});

describe("mentions in plain-text snippets", () => {
  it("search results, the inbox and notifications show @Name, never the stored form", async () => {
    const [ada, ben] = [await makeUser("Ada Lovelace"), await makeUser("Ben")];
    const room = expectOk(await createRoom(ada.id, { name: "launch", kind: "private", topic: "" }));
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: ben.id }));
    expectOk(
      await sendRoomMessage(ben.id, { roomId: room.id, content: "rocket ready @**Ada Lovelace**" }),
    );
    expectOk(
      await sendMessage(ben.id, { receiverId: ada.id, content: "rocket @**Ada Lovelace**" }),
    );
    const texts = (await hits(ada.id, "rocket")).map((r) => r.snippet.map((s) => s.text).join(""));
    expect(texts).toEqual(["rocket @Ada Lovelace", "rocket ready @Ada Lovelace"]);
    const inbox = await loadInbox(ada.id);
    expect(inbox.messages.map((m) => m.snippet)).toContain("rocket @Ada Lovelace");
    const notes = await listNotifications(ada.id);
    expect(notes.map((n) => n.snippet)).toContain("rocket ready @Ada Lovelace");
    // So many mentions that the text is past the Markdown budget and shown unparsed.
    const many = `crowded ${"@**Ada Lovelace** ".repeat(130)}`;
    expectOk(await sendRoomMessage(ben.id, { roomId: room.id, content: many }));
    const [crowded] = await hits(ada.id, "crowded");
    const crowdedText = crowded?.snippet.map((s) => s.text).join("") ?? "";
    expect(crowdedText).toMatch(/^crowded @Ada Lovelace @Ada Lovelace/);
    const unread = await loadInbox(ada.id);
    const latest = unread.messages.find((m) => m.snippet.startsWith("crowded"))?.snippet ?? "";
    expect(latest).toMatch(/^crowded @Ada Lovelace @Ada Lovelace/);
    for (const text of [...texts, crowdedText, latest, ...inbox.messages.map((m) => m.snippet)]) {
      expect(text).not.toMatch(/\*\*|\|/);
    }
  });
});
