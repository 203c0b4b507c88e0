import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { remove, update, withoutReceivers } from "@/db/events";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { deleteAccount } from "@/lib/accounts/accounts";
import { conversationAt } from "@/lib/messaging/conversation-at";
import { deleteMessage, editMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { SEARCH_PAGE_SIZE, type SearchOptions, searchMessages } from "@/lib/search/search";
import { expectOk, makeUser, PASSWORD, send, store } from "./helpers";

async function search(viewerId: number, q: string, options: Omit<SearchOptions, "q"> = {}) {
  return expectOk(await searchMessages(viewerId, { q, ...options }));
}

/** The ids found, newest first. */
async function ids(viewerId: number, q: string, options: Omit<SearchOptions, "q"> = {}) {
  return (await search(viewerId, q, options)).results.map((result) => result.id);
}

async function refusal(viewerId: number, q: unknown, options: Omit<SearchOptions, "q"> = {}) {
  const result = await searchMessages(viewerId, { q, ...options });
  if (result.ok) throw new Error(`expected a refusal for ${JSON.stringify(q)}`);
  expect(result.code).toBe("invalid");
  return result.error;
}

async function trio() {
  return { ada: await makeUser("Ada"), bo: await makeUser("Bo"), cy: await makeUser("Cy") };
}

describe("the index follows every write", () => {
  it("finds a new message at once, newest first, with the colleague, time and link", async () => {
    const { ada, bo } = await trio();
    const first = await send(ada.id, bo.id, "The release notes are ready");
    const second = await send(bo.id, ada.id, "Thanks, I read the RELEASE notes");
    await send(ada.id, bo.id, "unrelated lunch plans");
    const page = await search(ada.id, "release");
    expect(page.results.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(page.nextBefore).toBeNull();
    const [newest] = page.results;
    expect(newest).toMatchObject({
      colleague: { id: bo.id, name: "Bo" },
      senderName: "Bo",
      fromViewer: false,
      createdAt: second.createdAt,
      isReply: false,
      href: `/messages/${bo.id}?at=${second.id}#message-${second.id}`,
    });
    expect(newest?.snippet).toEqual([
      { text: "Thanks, I read the ", match: false },
      { text: "RELEASE", match: true },
      { text: " notes", match: false },
    ]);
    // The receiver finds it too, with the sender as the colleague.
    expect((await search(bo.id, "release")).results[0]?.colleague).toEqual({
      id: ada.id,
      name: "Ada",
    });
  });

  it("forgets the old text of an edited message and finds the new one", async () => {
    const { ada, bo } = await trio();
    const message = await send(ada.id, bo.id, "meet at the lighthouse");
    expectOk(await editMessage(ada.id, { messageId: message.id, content: "meet at the harbour" }));
    expect(await ids(ada.id, "lighthouse")).toEqual([]);
    expect(await ids(bo.id, "lighthouse")).toEqual([]);
    expect(await ids(bo.id, "harbour")).toEqual([message.id]);
  });

  it("forgets deleted messages and tombstones, and keeps the replies of a tombstone", async () => {
    const { ada, bo } = await trio();
    const alone = await send(ada.id, bo.id, "ephemeral walrus");
    const parent = await send(ada.id, bo.id, "walrus with replies");
    const reply = expectOk(
      await replyToMessage(bo.id, { parentMessageId: parent.id, content: "walrus reply" }),
    );
    expect(await ids(bo.id, "walrus")).toEqual([reply.id, parent.id, alone.id]);
    expectOk(await deleteMessage(ada.id, { messageId: alone.id }));
    const tombstone = expectOk(await deleteMessage(ada.id, { messageId: parent.id }));
    expect(tombstone.tombstone).toBe(true);
    expect(await ids(bo.id, "walrus")).toEqual([reply.id]);
    expect(await ids(ada.id, "ephemeral")).toEqual([]);
  });

  it("links a reply to its thread", async () => {
    const { ada, bo } = await trio();
    const parent = await send(ada.id, bo.id, "root");
    const reply = expectOk(
      await replyToMessage(bo.id, { parentMessageId: parent.id, content: "a threaded answer" }),
    );
    const [result] = (await search(ada.id, "threaded")).results;
    expect(result).toMatchObject({
      id: reply.id,
      isReply: true,
      href: `/thread/${reply.id}#message-${reply.id}`,
    });
  });

  it("forgets a deleted account's messages, sent and received, replies included", async () => {
    const { ada, bo, cy } = await trio();
    const kept = await send(bo.id, cy.id, "zebra between the others");
    const sent = await send(ada.id, bo.id, "zebra from ada");
    await send(bo.id, ada.id, "zebra to ada");
    await store({
      senderId: bo.id,
      receiverId: ada.id,
      parentMessageId: sent.id,
      content: "zebra reply",
    });
    expect(await ids(bo.id, "zebra")).toHaveLength(4);
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    expect(await ids(bo.id, "zebra")).toEqual([kept.id]);
    expect(await ids(cy.id, "zebra")).toEqual([kept.id]);
    expect(await indexedRows()).toBe(1);
  });

  it("forgets messages removed by ON DELETE CASCADE alone (the receivers muted)", async () => {
    const { ada, bo } = await trio();
    const kept = await send(bo.id, bo.id, "quokka note to self");
    const root = await send(ada.id, bo.id, "quokka root");
    await store({
      senderId: bo.id,
      receiverId: ada.id,
      parentMessageId: root.id,
      content: "quokka reply",
    });
    await withoutReceivers(
      ["accounts.delete-messages", "accounts.delete-notifications", "accounts.delete-histories"],
      () => remove("users", ada.id),
    );
    expect(
      await rows(
        sql`select id from messages where sender_id = ${ada.id} or receiver_id = ${ada.id}`,
      ),
    ).toEqual([]);
    expect(await ids(bo.id, "quokka")).toEqual([kept.id]);
    expect(await indexedRows()).toBe(1);
  });

  it("leaves the index alone when a message is only marked read", async () => {
    const { ada, bo } = await trio();
    const message = await send(ada.id, bo.id, "otter");
    await update("messages", message.id, { read: true, readAt: Date.now() });
    expect(await ids(bo.id, "otter")).toEqual([message.id]);
  });
});

/** How many messages the database's index finds for a word every test message holds. */
async function indexedRows(): Promise<number> {
  const [row] = await rows<{ n: number }>(
    sql`select count(*) as n from messages where deleted_at is null`,
  );
  const viaIndex = await rows<{ n: number }>(
    process.env.DATABASE_URL?.startsWith("postgres")
      ? sql`select count(*) as n from messages
            where to_tsvector('simple'::regconfig, content) @@ to_tsquery('simple', 'quokka | zebra')
              and deleted_at is null`
      : sql`select count(*) as n from messages_fts where messages_fts match 'quokka OR zebra'`,
  );
  expect(Number(viaIndex[0]?.n)).toBeLessThanOrEqual(Number(row?.n));
  return Number(viaIndex[0]?.n);
}

describe("privacy", () => {
  it("never finds, counts or highlights a message of a conversation the viewer is not in", async () => {
    const { ada, bo, cy } = await trio();
    const mine = await send(ada.id, bo.id, "secret plan alpha");
    const theirs = await send(bo.id, cy.id, "secret plan beta");
    const reply = expectOk(
      await replyToMessage(cy.id, { parentMessageId: theirs.id, content: "secret reply" }),
    );
    expect(await ids(ada.id, "secret")).toEqual([mine.id]);
    expect(await ids(ada.id, "beta")).toEqual([]);
    expect(await ids(ada.id, "secret", { sort: "relevance" })).toEqual([mine.id]);
    expect(await ids(cy.id, "secret")).toEqual([reply.id, theirs.id]);
    // A filter naming people from another conversation finds nothing of theirs.
    expect(await ids(ada.id, "secret from:Cy")).toEqual([]);
    expect(await ids(ada.id, "secret with:Cy")).toEqual([]);
    expect(await ids(ada.id, "plan from:Bo")).toEqual([]);
    expect(await ids(ada.id, "plan with:Bo")).toEqual([mine.id]);
    // The page carries nothing else: no total, and no cursor beyond the viewer's own hits.
    const page = await search(ada.id, "secret");
    expect(Object.keys(page).sort()).toEqual(["nextBefore", "results"]);
    expect(JSON.stringify(page)).not.toContain("beta");
  });

  it("is not fooled by message text that looks like the index's people lexemes", async () => {
    const { ada, bo, cy } = await trio();
    await send(bo.id, cy.id, `from ${ada.id} to ${ada.id} lexeme`);
    expect(await ids(ada.id, "lexeme")).toEqual([]);
    expect(await ids(ada.id, `"from ${ada.id}"`)).toEqual([]);
    await send(bo.id, cy.id, `from${ada.id} to${ada.id} glued`);
    expect(await ids(ada.id, `from${ada.id}`)).toEqual([]);
    expect(await ids(ada.id, "glued")).toEqual([]);
    // Searching for a people token finds text only, not every message of that person.
    expect(await ids(bo.id, `from${bo.id}`)).toEqual([]);
    expect(await ids(cy.id, `to${ada.id}`)).toHaveLength(1);
    const mine = await send(ada.id, bo.id, `to ${bo.id} lexeme`);
    expect(await ids(bo.id, `"to ${bo.id}"`)).toEqual([mine.id]);
  });

  it("answers a foreign message's id as a cursor like any other number", async () => {
    const { ada, bo, cy } = await trio();
    const mine = await send(ada.id, bo.id, "cursor word");
    const foreign = await send(bo.id, cy.id, "cursor word");
    expect(await ids(ada.id, "cursor", { before: foreign.id })).toEqual([mine.id]);
    expect(await ids(ada.id, "cursor", { before: foreign.id + 1000 })).toEqual([mine.id]);
  });
});

describe("query language", () => {
  it("matches every word, anywhere, and quoted phrases in order", async () => {
    const { ada, bo } = await trio();
    const both = await send(ada.id, bo.id, "deploy the build tonight");
    const reversed = await send(ada.id, bo.id, "build then deploy");
    await send(ada.id, bo.id, "deploy only");
    expect(await ids(ada.id, "deploy build")).toEqual([reversed.id, both.id]);
    expect(await ids(ada.id, '"deploy the build"')).toEqual([both.id]);
    expect(await ids(ada.id, '"build deploy"')).toEqual([]);
    expect(await ids(ada.id, '"build then')).toEqual([reversed.id]);
  });

  it("treats FTS syntax as the user's text, never as operators", async () => {
    const { ada, bo } = await trio();
    const near = await send(ada.id, bo.id, "NEAR the (door) said: OR not AND");
    await send(ada.id, bo.id, "door only");
    for (const q of [
      "NEAR the (door)",
      "NEAR(the door)",
      "door NOT said",
      "door OR not",
      "said: AND",
      "(door) said*",
      'door"said',
      "door^said",
      "the:(door)",
      "-door said",
      "{door} said",
    ]) {
      const found = await ids(ada.id, q);
      expect(found, q).toEqual([near.id]);
    }
    expect(await ids(ada.id, "NEAR(door said)")).toEqual([]);
    expect(await ids(ada.id, "door*")).toHaveLength(2);
    // A word is also the start of longer words: "doo" finds "door".
    expect(await ids(ada.id, "doo*")).toHaveLength(2);
    expect(await ids(ada.id, '"doo"')).toEqual([]);
  });

  it("keeps SQL injection attempts as text", async () => {
    const { ada, bo } = await trio();
    const message = await send(ada.id, bo.id, "robert drop table students");
    for (const q of [
      "robert'); drop table messages; --",
      "' or 1=1 --",
      '" or ""="',
      "students' union select * from users --",
    ]) {
      const result = await searchMessages(ada.id, { q });
      expect(result.ok, q).toBe(true);
    }
    expect(await ids(ada.id, "robert'); drop table students; --")).toEqual([message.id]);
    expect(await ids(ada.id, "zzz' or 1=1 --")).toEqual([]);
  });

  it("filters by sender, by conversation and by day (UTC, bounds excluded)", async () => {
    const { ada, bo, cy } = await trio();
    const storeOn = async (date: string, values: Parameters<typeof store>[0]) => {
      const message = await store(values);
      await update("messages", message.id, { createdAt: Date.parse(`${date}T12:00:00Z`) });
      return message;
    };
    const fromBo = await storeOn("2026-03-01", {
      senderId: bo.id,
      receiverId: ada.id,
      content: "invoice one",
      parentMessageId: null,
    });
    const toBo = await storeOn("2026-03-02", {
      senderId: ada.id,
      receiverId: bo.id,
      content: "invoice two",
      parentMessageId: null,
    });
    const withCy = await storeOn("2026-03-03", {
      senderId: cy.id,
      receiverId: ada.id,
      content: "invoice three",
      parentMessageId: null,
    });
    const self = await storeOn("2026-03-04", {
      senderId: ada.id,
      receiverId: ada.id,
      content: "invoice four",
      parentMessageId: null,
    });
    expect(await ids(ada.id, "invoice from:Bo")).toEqual([fromBo.id]);
    expect(await ids(ada.id, "invoice from:bo")).toEqual([fromBo.id]);
    expect(await ids(ada.id, `invoice from:${bo.email.toUpperCase()}`)).toEqual([fromBo.id]);
    expect(await ids(ada.id, "invoice from:me")).toEqual([self.id, toBo.id]);
    expect(await ids(ada.id, "invoice with:Bo")).toEqual([toBo.id, fromBo.id]);
    expect(await ids(ada.id, "invoice with:me")).toEqual([self.id]);
    expect(await ids(ada.id, "invoice with:Cy")).toEqual([withCy.id]);
    expect(await ids(ada.id, "invoice before:2026-03-02")).toEqual([fromBo.id]);
    expect(await ids(ada.id, "invoice after:2026-03-02")).toEqual([self.id, withCy.id]);
    expect(await ids(ada.id, "invoice after:2026-03-01 before:2026-03-03")).toEqual([toBo.id]);
  });

  it("finds people by a quoted name with spaces, and refuses unknown or ambiguous ones", async () => {
    const ada = await makeUser("Ada Lovelace");
    const grace = await makeUser("Grace Hopper");
    const message = await send(grace.id, ada.id, "compiler notes");
    expect(await ids(ada.id, 'compiler from:"grace hopper"')).toEqual([message.id]);
    expect(await ids(ada.id, 'with:"Grace Hopper" compiler')).toEqual([message.id]);
    expect(await refusal(ada.id, "compiler from:nobody")).toBe('No colleague is called "nobody".');
    await makeUser("Grace Hopper");
    expect(await refusal(ada.id, 'compiler from:"Grace Hopper"')).toMatch(
      /^Several colleagues are called "Grace Hopper": use their email/,
    );
  });

  it("shows a snippet as the reader sees the message: Markdown's marks and shortcodes gone, highlights kept", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    await send(
      bo.id,
      ada.id,
      "The **rollout** is `deprecated` :raised_hands:\n```\nold_call()\n```",
    );
    const [hit] = (await search(ada.id, "deprecated")).results;
    const text = hit?.snippet.map((segment) => segment.text).join("");
    expect(text).not.toMatch(/\*\*|`|:raised_hands:/);
    expect(text).toContain("🙌");
    expect(hit?.snippet).toContainEqual({ text: "deprecated", match: true });
  });

  it("finds people by a first name, a part of a name or of an email, and names the ones an ambiguous part could be", async () => {
    const ada = await makeUser("Ada Lovelace");
    const omar = await makeUser("Omar Haddad");
    const karim = await makeUser("Karim Saleh");
    const fromOmar = await send(omar.id, ada.id, "deprecated endpoint");
    const fromKarim = await send(karim.id, ada.id, "deprecated flag");
    expect(await ids(ada.id, "deprecated from:omar")).toEqual([fromOmar.id]);
    expect(await ids(ada.id, "deprecated from:Sal")).toEqual([fromKarim.id]);
    expect(await ids(ada.id, `deprecated from:${karim.email.split("@")[0]}`)).toEqual([
      fromKarim.id,
    ]);
    expect(await ids(ada.id, "deprecated with:haddad")).toEqual([fromOmar.id]);
    const omar2 = await makeUser("Omar Farouk");
    const refused = await refusal(ada.id, "deprecated from:omar");
    expect(refused).toContain(`Omar Farouk (${omar2.email})`);
    expect(refused).toContain(`Omar Haddad (${omar.email})`);
    expect(refused).toMatch(/^"omar" could be .*: use their email instead, like from:/);
    expect(await refusal(ada.id, "deprecated from:zzzz")).toBe('No colleague is called "zzzz".');
  });
});

describe("order and pages", () => {
  it("pages 20 at a time, newest first, through the `before` cursor", async () => {
    const { ada, bo } = await trio();
    const sent = [];
    for (let i = 0; i < 45; i++) sent.push((await send(ada.id, bo.id, `page word ${i}`)).id);
    const newestFirst = sent.toReversed();
    const first = await search(bo.id, "page");
    expect(first.results.map((r) => r.id)).toEqual(newestFirst.slice(0, SEARCH_PAGE_SIZE));
    const second = await search(bo.id, "page", { before: first.nextBefore ?? undefined });
    expect(second.results.map((r) => r.id)).toEqual(newestFirst.slice(20, 40));
    const third = await search(bo.id, "page", { before: second.nextBefore ?? undefined });
    expect(third.results.map((r) => r.id)).toEqual(newestFirst.slice(40));
    expect(third.nextBefore).toBeNull();
  });

  it("ranks by relevance on request, and pages through the ranking", async () => {
    const { ada, bo } = await trio();
    const weak = await send(ada.id, bo.id, `kiwi ${"filler ".repeat(40)}`);
    const strong = await send(ada.id, bo.id, "kiwi kiwi kiwi");
    const middle = await send(ada.id, bo.id, "kiwi and some words");
    expect(await ids(bo.id, "kiwi")).toEqual([middle.id, strong.id, weak.id]);
    expect(await ids(bo.id, "kiwi", { sort: "relevance" })).toEqual([
      strong.id,
      middle.id,
      weak.id,
    ]);
    for (let i = 0; i < 25; i++) await send(ada.id, bo.id, `kiwi ${i}`);
    const first = await search(bo.id, "kiwi", { sort: "relevance" });
    expect(first.nextBefore).toBe(20);
    const second = await search(bo.id, "kiwi", { sort: "relevance", before: 20 });
    const all = [...first.results, ...second.results].map((r) => r.id);
    expect(new Set(all).size).toBe(28);
    expect(second.nextBefore).toBeNull();
  });

  it("costs two statements (the rooms, the page), three with from:/with:, whatever the number of hits", async () => {
    const { ada, bo } = await trio();
    for (let i = 0; i < 30; i++) {
      const message = await send(ada.id, bo.id, `count word ${i}`);
      if (i % 3 === 0)
        await replyToMessage(bo.id, { parentMessageId: message.id, content: "count reply" });
    }
    const plain = await countAsync(() => searchMessages(bo.id, { q: "count" }));
    expect(plain.count).toBe(2);
    const relevance = await countAsync(() =>
      searchMessages(bo.id, { q: "count", sort: "relevance" }),
    );
    expect(relevance.count).toBe(2);
    const filtered = await countAsync(() =>
      searchMessages(bo.id, { q: "count from:Ada with:me after:2020-01-01" }),
    );
    expect(filtered.count).toBe(3);
    const refused = await countAsync(() => searchMessages(bo.id, { q: "   " }));
    expect(refused.count).toBe(0);
  });
});

describe("bad input", () => {
  it("answers empty, oversized and symbol-only queries with a clear message", async () => {
    const { ada } = await trio();
    expect(await refusal(ada.id, "")).toBe("Type something to search for.");
    expect(await refusal(ada.id, "   \t\n")).toBe("Type something to search for.");
    expect(await refusal(ada.id, "\u200b")).toBe("Type something to search for.");
    expect(await refusal(ada.id, undefined)).toBe("Type something to search for.");
    expect(await refusal(ada.id, "x".repeat(1000))).toMatch(/at most 500 characters/);
    expect(await refusal(ada.id, '" * ( ) : NEAR'.replace("NEAR", "--"))).toMatch(
      /at least one word/,
    );
    expect(await refusal(ada.id, "before:2026-02-30 word")).toMatch(/YYYY-MM-DD/);
    expect(await refusal(ada.id, "after:yesterday word")).toMatch(/YYYY-MM-DD/);
    expect(await refusal(ada.id, "from: word")).toMatch(/from: needs a name/);
    expect(await refusal(ada.id, "word", { sort: "relevance", before: 5000 })).toMatch(
      /stop after 1000/,
    );
  });
});

describe("opening a result in its conversation (?at=)", () => {
  it("reaches back to a message older than the first page, and ignores a foreign one", async () => {
    const { ada, bo, cy } = await trio();
    const old = await send(ada.id, bo.id, "the old one");
    for (let i = 0; i < 60; i++) await send(bo.id, ada.id, `filler ${i}`);
    const normal = await conversationAt(bo.id, ada.id, (await send(ada.id, bo.id, "new")).id);
    expect(normal.messages).toHaveLength(50);
    const reached = await countAsync(() => conversationAt(bo.id, ada.id, old.id));
    expect(reached.result.messages[0]?.id).toBe(old.id);
    expect(reached.result.messages).toHaveLength(62);
    expect(reached.result.hasOlder).toBe(false);
    // With the reactions of the messages shown.
    expect(reached.count).toBe(4);
    const foreign = await send(bo.id, cy.id, "not ada's");
    const ignored = await conversationAt(ada.id, bo.id, foreign.id);
    expect(ignored.messages).toHaveLength(50);
    expect(ignored.messages.map((m) => m.id)).not.toContain(old.id);
  });
});
