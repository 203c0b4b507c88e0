import { beforeAll, describe, expect, it } from "vitest";
import {
  type ActionName,
  actionId,
  callAction,
  callActionWithoutJavaScript,
  callFormAction,
  formState,
} from "../test-kit/actions";
import { launchBrowser, pageAs } from "../test-kit/browser";
import { fingerprint, inspect } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import {
  type Answer,
  expectRefused,
  fromAction,
  fromPage,
  fromResponse,
} from "../test-kit/refusal";
import { type Scenario, seedScenario } from "../test-kit/scenario";
import { useWorld } from "../test-kit/world";

const TOO_LONG = "x".repeat(10_001);
const HUGE_ID = "99999999999999999999";
/** Fits JavaScript's safe integers, not PostgreSQL's `integer` ids. */
const BEYOND_INT4 = 2 ** 31;
const UNKNOWN_ID = 987_654;

describe("hostile input: a clear 4xx or form error, never a 500, never a write", () => {
  const world = useWorld<Scenario>({
    label: "hostile",
    names: ["Ada", "Bo", "Cy"],
    seed: seedScenario,
  });
  let ada: Client;
  let ids: Scenario & { bo: number; cy: number; email: string };

  beforeAll(async () => {
    const [adaPerson, bo, cy] = world.people;
    if (!adaPerson || !bo || !cy) throw new Error("three people");
    ada = await world.signIn(adaPerson);
    ids = { ...world.seeded, bo: bo.id, cy: cy.id, email: adaPerson.email };
  });

  const api =
    (body: unknown, headers: Record<string, string> = {}) =>
    async () =>
      fromResponse(await ada.json("POST", "/api/messages", body, headers));
  const raw = (init: RequestInit) => async () => {
    const response = await ada.fetch("/api/messages", { method: "POST", ...init });
    return { status: response.status, text: await response.text() };
  };
  const get = (path: () => string) => async () => fromResponse(await ada.json("GET", path()));
  const page = (path: () => string) => async () => fromPage(await ada.page(path()));
  const form =
    (
      name: ActionName,
      fields: () => Record<string, string | Blob>,
      at = () => `/messages/${ids.bo}`,
      headers?: Record<string, string>,
    ) =>
    async () =>
      fromAction(await callFormAction(ada, name, fields(), { page: at(), headers }));
  const action = (name: ActionName, args: () => unknown[]) => async () =>
    fromAction(await callAction(ada, name, args(), { page: `/messages/${ids.bo}` }));
  const markRead = (messageIds: () => unknown) => async () =>
    fromResponse(await ada.json("POST", "/api/messages/read", { messageIds: messageIds() }));
  const send = (fields: () => Record<string, string | Blob>, headers?: Record<string, string>) =>
    form("sendMessageAction", fields, undefined, headers);
  const toBo = (content: string | Blob) => () => ({ receiverId: String(ids.bo), content });
  const file = (text: string) => new Blob([text], { type: "text/plain" });
  const chunkedAction = (bytes: number) => async () => {
    // A server-action post with no Content-Length: the body arrives in chunks.
    const response = await ada.fetch(`/messages/${ids.bo}`, {
      method: "POST",
      headers: {
        accept: "text/x-component",
        "next-action": actionId("sendMessageAction"),
        origin: ada.origin,
        "content-type": "text/plain;charset=UTF-8",
      },
      body: new ReadableStream({
        start(controller) {
          const chunk = new TextEncoder().encode("q".repeat(64 * 1024));
          for (let sent = 0; sent < bytes; sent += chunk.byteLength) controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    return { status: response.status, text: await response.text() };
  };
  /** A server-action post whose body React's decoder cannot read. */
  const malformedAction = (contentType: string, body: string) => async () => {
    const response = await ada.fetch(`/messages/${ids.bo}`, {
      method: "POST",
      headers: {
        accept: "text/x-component",
        "next-action": actionId("sendMessageAction"),
        origin: ada.origin,
        "content-type": contentType,
      },
      body,
    });
    const answer = { status: response.status, text: await response.text() };
    expect(answer.status, answer.text.slice(0, 300)).toBe(400);
    return answer;
  };
  const sameHostOtherScheme = () => ada.origin.replace(/^http:/, "https:");
  const oversizedStream = () =>
    new ReadableStream({
      start(controller) {
        const chunk = new TextEncoder().encode(`{"content":"${"y".repeat(16_000)}`);
        for (let i = 0; i < 8; i++) controller.enqueue(chunk);
        controller.close();
      },
    });

  const cases: [string, () => Promise<Answer>][] = [
    // POST /api/messages: a new message
    ["api send: empty content", () => api({ receiverId: ids.bo, content: "" })()],
    ["api send: whitespace content", () => api({ receiverId: ids.bo, content: " \n\t " })()],
    ["api send: 10,001 characters", () => api({ receiverId: ids.bo, content: TOO_LONG })()],
    ["api send: content as a number", () => api({ receiverId: ids.bo, content: 42 })()],
    ["api send: content as an object", () => api({ receiverId: ids.bo, content: { a: 1 } })()],
    ["api send: no content", () => api({ receiverId: ids.bo })()],
    ["api send: non-numeric receiver", api({ receiverId: "abc", content: "hi" })],
    ["api send: negative receiver", api({ receiverId: -3, content: "hi" })],
    ["api send: zero receiver", api({ receiverId: 0, content: "hi" })],
    ["api send: fractional receiver", api({ receiverId: 1.5, content: "hi" })],
    ["api send: huge receiver", api({ receiverId: 1e300, content: "hi" })],
    ["api send: receiver beyond 2^53", api({ receiverId: HUGE_ID, content: "hi" })],
    ["api send: receiver beyond 2^31", api({ receiverId: BEYOND_INT4, content: "hi" })],
    ["api reply: parent beyond 2^31", api({ parentMessageId: BEYOND_INT4, content: "hi" })],
    ["api send: unknown receiver", api({ receiverId: UNKNOWN_ID, content: "hi" })],
    ["api send: receiver as a boolean", api({ receiverId: true, content: "hi" })],
    ["api send: receiver as an array", () => api({ receiverId: [ids.bo], content: "hi" })()],
    ["api send: body is an array", api([])],
    ["api send: body is null", api(null)],
    ["api send: body is a string", api("hello")],
    [
      "api send: malformed JSON",
      raw({
        headers: { "content-type": "application/json" },
        body: '{"receiverId": 2, "content": "x"',
      }),
    ],
    [
      "api send: text/plain body",
      () =>
        raw({
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ receiverId: ids.bo, content: "hi" }),
        })(),
    ],
    [
      "api send: form-encoded body",
      () => raw({ body: new URLSearchParams({ receiverId: String(ids.bo), content: "hi" }) })(),
    ],
    ["api send: 100 KB body", () => api({ receiverId: ids.bo, content: "z".repeat(100_000) })()],
    [
      "api send: 128 KB chunked body without a length",
      raw({
        headers: { "content-type": "application/json" },
        body: oversizedStream(),
        duplex: "half",
      } as RequestInit),
    ],
    [
      "api send: cross-origin post",
      () => api({ receiverId: ids.bo, content: "hi" }, { origin: "http://evil.example" })(),
    ],
    [
      "api send: same host, another scheme",
      () => api({ receiverId: ids.bo, content: "hi" }, { origin: sameHostOtherScheme() })(),
    ],
    [
      "api send: cross-origin post with a forged X-Forwarded-Host",
      () =>
        api(
          { receiverId: ids.bo, content: "hi" },
          { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
        )(),
    ],
    [
      "api send: only zero-width spaces",
      () => api({ receiverId: ids.bo, content: "\u200b\u200b" })(),
    ],
    [
      "api send: only invisible characters and whitespace",
      () => api({ receiverId: ids.bo, content: "\u200d \u2060\ufeff\u3164\n\u00ad" })(),
    ],
    [
      "api send: a NUL character",
      () => api({ receiverId: ids.bo, content: "before\u0000after" })(),
    ],
    // POST /api/messages: a reply
    ["api reply: unknown parent", api({ parentMessageId: UNKNOWN_ID, content: "re" })],
    [
      "api reply: another conversation's parent",
      () => api({ parentMessageId: ids.foreignRoot, content: "re" })(),
    ],
    ["api reply: non-numeric parent", api({ parentMessageId: "abc", content: "re" })],
    ["api reply: negative parent", api({ parentMessageId: -1, content: "re" })],
    ["api reply: deleted parent", () => api({ parentMessageId: ids.tombstone, content: "re" })()],
    [
      "api reply: receiver outside the parent's conversation",
      () => api({ parentMessageId: ids.adaToBo, receiverId: ids.cy, content: "re" })(),
    ],
    ["api reply: empty content", () => api({ parentMessageId: ids.adaToBo, content: "" })()],
    // GET /api/search: refusals with a message, never a 500
    ["api search: no q", get(() => "/api/search")],
    ["api search: empty q", get(() => "/api/search?q=")],
    ["api search: whitespace q", get(() => `/api/search?q=${encodeURIComponent(" \t\n ")}`)],
    ["api search: 1,000 characters", get(() => `/api/search?q=${"w".repeat(1_000)}`)],
    ["api search: a lone quote", get(() => `/api/search?q=${encodeURIComponent('"')}`)],
    ["api search: a lone star", get(() => "/api/search?q=*")],
    [
      "api search: parentheses and colons",
      get(() => `/api/search?q=${encodeURIComponent("( ) : ((")}`),
    ],
    ["api search: a bad date", get(() => "/api/search?q=hi%20before:2026-02-30")],
    ["api search: an unknown person", get(() => "/api/search?q=hi%20from:nobody.at.all")],
    ["api search: non-numeric cursor", get(() => "/api/search?q=hi&before=abc")],
    ["api search: negative cursor", get(() => "/api/search?q=hi&before=-1")],
    ["api search: cursor beyond 2^31", get(() => `/api/search?q=hi&before=${BEYOND_INT4}`)],
    ["api search: unknown sort", get(() => "/api/search?q=hi&sort=random")],
    [
      "api search: relevance offset too far",
      get(() => "/api/search?q=hi&sort=relevance&before=5000"),
    ],
    // GET route handlers
    ["api conversation: non-numeric id", get(() => "/api/conversations/abc")],
    ["api conversation: negative id", get(() => "/api/conversations/-1")],
    ["api conversation: huge id", get(() => `/api/conversations/${HUGE_ID}`)],
    ["api conversation: unknown id", get(() => `/api/conversations/${UNKNOWN_ID}`)],
    ["api conversation: id beyond 2^31", get(() => `/api/conversations/${BEYOND_INT4}`)],
    ["api thread: id beyond 2^31", get(() => `/api/threads/${BEYOND_INT4}`)],
    ["api history: id beyond 2^31", get(() => `/api/messages/${BEYOND_INT4}/history`)],
    ["api conversation: non-numeric cursor", get(() => `/api/conversations/${ids.bo}?before=abc`)],
    ["api conversation: negative cursor", get(() => `/api/conversations/${ids.bo}?before=-5`)],
    ["api thread: non-numeric id", get(() => "/api/threads/abc")],
    ["api thread: zero", get(() => "/api/threads/0")],
    ["api thread: unknown id", get(() => `/api/threads/${UNKNOWN_ID}`)],
    ["api thread: another conversation's message", get(() => `/api/threads/${ids.foreignRoot}`)],
    ["api history: non-numeric id", get(() => "/api/messages/abc/history")],
    ["api history: infinite id", get(() => "/api/messages/1e400/history")],
    [
      "api history: another conversation's message",
      get(() => `/api/messages/${ids.foreignRoot}/history`),
    ],
    ["api debug cache: script in the tag", get(() => "/api/debug/cache?tag=<script>")],
    ["api thread: malformed percent-encoding", get(() => "/api/threads/%ff")],
    ["api history: malformed percent-encoding", get(() => "/api/messages/%ff/history")],
    ["api conversation: truncated percent-encoding", get(() => "/api/conversations/%E0%A4%A")],
    // Pages
    ["page conversation: non-numeric id", page(() => "/messages/abc")],
    ["page conversation: unknown id", page(() => `/messages/${UNKNOWN_ID}`)],
    ["page thread: non-numeric id", page(() => "/thread/abc")],
    ["page thread: malformed percent-encoding", page(() => "/thread/%ff")],
    ["page conversation: malformed percent-encoding", page(() => "/messages/%ff")],
    [
      "page thread: another conversation's message",
      page(() => `/thread/${ids.foreignNestedReply}`),
    ],
    // sendMessageAction
    ["action send: empty content", send(toBo(""))],
    ["action send: whitespace content", send(toBo("  \n "))],
    ["action send: 10,001 characters", send(toBo(TOO_LONG))],
    ["action send: content as a file", send(toBo(file("hello")))],
    ["action send: non-numeric receiver", send(() => ({ receiverId: "abc", content: "hi" }))],
    ["action send: negative receiver", send(() => ({ receiverId: "-1", content: "hi" }))],
    ["action send: huge receiver", send(() => ({ receiverId: HUGE_ID, content: "hi" }))],
    [
      "action send: unknown receiver",
      send(() => ({ receiverId: String(UNKNOWN_ID), content: "hi" })),
    ],
    ["action send: no fields", send(() => ({}))],
    ["action send: cross-origin post", send(toBo("hi"), { origin: "http://evil.example" })],
    [
      "action send: cross-origin form post without JavaScript",
      async () =>
        fromAction(
          await callActionWithoutJavaScript(
            ada,
            "sendMessageAction",
            toBo("hi")() as Record<string, string>,
            {
              page: `/messages/${ids.bo}`,
              headers: { origin: "http://evil.example" },
            },
          ),
        ),
    ],
    ["action send: 2 MB body", send(toBo("w".repeat(2_000_000)))],
    ["action send: 2 MB chunked body without a length", chunkedAction(2 * 1024 * 1024)],
    [
      "action send: same host, another scheme",
      () => send(toBo("hi"), { origin: sameHostOtherScheme() })(),
    ],
    [
      "action send: cross-origin post with a forged X-Forwarded-Host",
      send(toBo("hi"), { origin: "http://evil.example", "x-forwarded-host": "evil.example" }),
    ],
    ["action send: only zero-width spaces", send(toBo("\u200b\u200c\u200b"))],
    ["action send: a NUL character", send(toBo("a\u0000b"))],
    ["action send: unknown action id", send(toBo("hi"), { "next-action": `7f${"0".repeat(40)}` })],
    [
      "action send: a string where the form goes",
      () => action("sendMessageAction", () => [{}, "receiverId=2&content=hi"])(),
    ],
    // replyAction
    [
      "action reply: another conversation's parent",
      form("replyAction", () => ({ parentMessageId: String(ids.foreignRoot), content: "re" })),
    ],
    [
      "action reply: unknown parent",
      form("replyAction", () => ({ parentMessageId: String(UNKNOWN_ID), content: "re" })),
    ],
    [
      "action reply: non-numeric parent",
      form("replyAction", () => ({ parentMessageId: "abc", content: "re" })),
    ],
    [
      "action reply: deleted parent",
      form("replyAction", () => ({ parentMessageId: String(ids.tombstone), content: "re" })),
    ],
    [
      "action reply: empty content",
      form("replyAction", () => ({ parentMessageId: String(ids.adaToBo), content: "" })),
    ],
    // editMessageAction
    [
      "action edit: another conversation's message",
      form("editMessageAction", () => ({
        messageId: String(ids.foreignRoot),
        content: "mine now",
      })),
    ],
    [
      "action edit: a message Ada received",
      form("editMessageAction", () => ({ messageId: String(ids.boToAda), content: "rewritten" })),
    ],
    [
      "action edit: a deleted message",
      form("editMessageAction", () => ({ messageId: String(ids.tombstone), content: "back" })),
    ],
    [
      "action edit: empty content",
      form("editMessageAction", () => ({ messageId: String(ids.adaToBo), content: "" })),
    ],
    [
      "action edit: 10,001 characters",
      form("editMessageAction", () => ({ messageId: String(ids.adaToBo), content: TOO_LONG })),
    ],
    [
      "action edit: non-numeric id",
      form("editMessageAction", () => ({ messageId: "abc", content: "x" })),
    ],
    [
      "action edit: a string where the form goes",
      action("editMessageAction", () => [{}, "messageId=1"]),
    ],
    // deleteMessageAction
    [
      "action delete: another conversation's message",
      form("deleteMessageAction", () => ({ messageId: String(ids.foreignRoot) })),
    ],
    [
      "action delete: a message Ada received",
      form("deleteMessageAction", () => ({ messageId: String(ids.boToAda) })),
    ],
    [
      "action delete: unknown id",
      form("deleteMessageAction", () => ({ messageId: String(UNKNOWN_ID) })),
    ],
    ["action delete: negative id", form("deleteMessageAction", () => ({ messageId: "-7" }))],
    // mark read (API) / markUnreadAction / openNotificationAction
    ["API mark read: a string, not a list", markRead(() => "abc")],
    ["API mark read: an empty list", markRead(() => [])],
    ["API mark read: another conversation's message", markRead(() => [ids.foreignReply])],
    ["API mark read: 501 ids", markRead(() => Array.from({ length: 501 }, (_, i) => i + 1))],
    ["API mark read: negative id", markRead(() => [-1])],
    [
      "action mark unread: another conversation's message",
      form("markUnreadAction", () => ({ messageId: String(ids.foreignRoot) })),
    ],
    [
      "action mark unread: a message Ada sent",
      form("markUnreadAction", () => ({ messageId: String(ids.adaToBo) })),
    ],
    ["action mark unread: non-numeric id", form("markUnreadAction", () => ({ messageId: "abc" }))],
    [
      "action open notification: someone else's",
      action("openNotificationAction", () => [ids.cysNotification]),
    ],
    ["action open notification: non-numeric id", action("openNotificationAction", () => ["abc"])],
    ["action open notification: negative id", action("openNotificationAction", () => [-1])],
    // deleteAccountAction, registerAction, loginAction
    [
      "action delete account: wrong password",
      form(
        "deleteAccountAction",
        () => ({ password: "not the password" }),
        () => "/settings/account",
      ),
    ],
    [
      "action delete account: empty password",
      form(
        "deleteAccountAction",
        () => ({ password: "" }),
        () => "/settings/account",
      ),
    ],
    [
      "action delete account: 201-character password",
      form(
        "deleteAccountAction",
        () => ({ password: "p".repeat(201) }),
        () => "/settings/account",
      ),
    ],
    [
      "action delete account: password as a file",
      form(
        "deleteAccountAction",
        () => ({ password: file("x") }),
        () => "/settings/account",
      ),
    ],
    [
      "action register: invalid email",
      form(
        "registerAction",
        () => ({ name: "Eve", email: "not an email", password: "long enough 123" }),
        () => "/register",
      ),
    ],
    [
      "action register: short password",
      form(
        "registerAction",
        () => ({ name: "Eve", email: "eve@reliability.test", password: "short" }),
        () => "/register",
      ),
    ],
    [
      "action register: an email that is taken",
      form(
        "registerAction",
        () => ({ name: "Eve", email: ids.email, password: "long enough 123" }),
        () => "/register",
      ),
    ],
    [
      "action register: 81-character name",
      form(
        "registerAction",
        () => ({
          name: "n".repeat(81),
          email: "eve@reliability.test",
          password: "long enough 123",
        }),
        () => "/register",
      ),
    ],
    [
      "action register: script in the name, bad email",
      form(
        "registerAction",
        () => ({
          name: "<script>alert(1)</script>",
          email: "<script>",
          password: "long enough 123",
        }),
        () => "/register",
      ),
    ],
    [
      "action register: a common password",
      form(
        "registerAction",
        () => ({ name: "Eve", email: "eve.common@reliability.test", password: "12345678" }),
        () => "/register",
      ),
    ],
    [
      "action register: another common password",
      form(
        "registerAction",
        () => ({ name: "Eve", email: "eve.common2@reliability.test", password: "password123" }),
        () => "/register",
      ),
    ],
    [
      "action register: eight spaces",
      form(
        "registerAction",
        () => ({ name: "Eve", email: "eve.spaces@reliability.test", password: "        " }),
        () => "/register",
      ),
    ],
    [
      "action register: an invisible name",
      form(
        "registerAction",
        () => ({
          name: "\u200b\u200b",
          email: "eve.invisible@reliability.test",
          password: "long enough 123",
        }),
        () => "/register",
      ),
    ],
    [
      "action register: a NUL in the name",
      form(
        "registerAction",
        () => ({
          name: "Eve\u0000",
          email: "eve.nul@reliability.test",
          password: "long enough 123",
        }),
        () => "/register",
      ),
    ],
    [
      "action login: email as a file",
      form(
        "loginAction",
        () => ({ email: file("a@b.c"), password: "whatever 123" }),
        () => "/login",
      ),
    ],
    [
      "action login: 10,001-character password",
      form(
        "loginAction",
        () => ({ email: ids.email, password: TOO_LONG }),
        () => "/login",
      ),
    ],
    ["action: body is malformed JSON", malformedAction("text/plain;charset=UTF-8", '[{}, "$K1"')],
    ["action: body is not React's encoding", malformedAction("text/plain;charset=UTF-8", "%%%")],
    [
      "action: multipart body cut short",
      malformedAction("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-da"),
    ],
    ["action: multipart body with no boundary", malformedAction("multipart/form-data", "0=%5B%5D")],
  ];

  it("has at least 50 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  for (const [name, run] of cases) {
    it(name, async () => {
      const before = await fingerprint(world.databaseUrl);
      const answer = await run();
      expectRefused(answer);
      expect(answer.text).not.toMatch(/SQLITE|\n\s+at .+:\d+:\d+/);
      expect(await fingerprint(world.databaseUrl)).toBe(before);
    });
  }

  it("answers Auth.js's error page plainly, never with a 500", async () => {
    for (const error of ["Configuration", "AccessDenied", "Verification", "Nonsense"]) {
      const answer = fromPage(await ada.page(`/api/auth/error?error=${error}`));
      expectRefused(answer, { allowLoginRedirect: true });
      if (answer.location) expect(new URL(answer.location, ada.origin).origin).toBe(ada.origin);
    }
  });

  it("searches FTS syntax and injection attempts as plain text: 200, never a 500", async () => {
    const before = await fingerprint(world.databaseUrl);
    const queries = [
      "NEAR(hello world)",
      "hello OR world",
      "hello AND NOT world",
      "content:hello",
      "hel*",
      '"unclosed phrase',
      "' or 1=1 --",
      "hello'); drop table messages; --",
      "{hello} ^world -x +y",
    ];
    for (const q of queries) {
      const answer = await ada.json("GET", `/api/search?q=${encodeURIComponent(q)}`);
      expect(answer.status, `${q}: ${answer.text.slice(0, 200)}`).toBe(200);
      expect(answer.body).toMatchObject({ results: expect.any(Array) });
    }
    expect(await fingerprint(world.databaseUrl)).toBe(before);
  });

  it("shows a bad search on the page as a form message, never a 500", async () => {
    for (const q of ["", " ", "w".repeat(1_000), '"', "*", "hi before:2026-13-01"]) {
      const answer = await ada.page(`/search?q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
      expect(answer.html, q).toMatch(/role="alert"/);
    }
    expect((await ada.page("/search?q=hi&before=abc")).status).toBe(200);
  });

  it("shows script tags in content as text and never runs them", async () => {
    const [adaPerson, boPerson] = world.people;
    if (!adaPerson || !boPerson) throw new Error("two people");
    const script = `<script>window.__pwned = "script"</script>`;
    const image = `<img src=x onerror="window.__pwned = 'img'">`;
    const sent = await callFormAction(ada, "sendMessageAction", toBo(script)(), {
      page: `/messages/${ids.bo}`,
    });
    expect(sent.status).toBe(200);
    const rootId = (await inspect(world.databaseUrl, (db) =>
      db.value("select id from messages where content = ?", script),
    )) as number;
    const reply = await ada.json("POST", "/api/messages", {
      parentMessageId: rootId,
      content: image,
    });
    expect(reply.status).toBe(201);

    const bo = await world.signIn(boPerson);
    // Unread views first: opening the conversation in the browser marks the messages read.
    const paths = ["/inbox", "/notifications", `/thread/${rootId}`, `/messages/${adaPerson.id}`];
    for (const path of paths) {
      const { status, html } = await bo.page(path);
      expect(status, path).toBe(200);
      expect(html, path).not.toContain("<script>window.__pwned");
      expect(html, path).not.toContain("<img src=x onerror");
    }

    const browser = await launchBrowser();
    try {
      const page = await pageAs(browser, bo);
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      for (const path of paths) {
        // "load" waits for images too, so an injected <img onerror> would have fired by then.
        await page.goto(`${bo.baseUrl}${path}`, { waitUntil: "load" });
        await expect
          .poll(() => page.locator("body").textContent(), { message: path })
          .toContain('window.__pwned = "script"');
        expect(
          await page.evaluate(() => (window as { __pwned?: string }).__pwned),
          path,
        ).toBeUndefined();
      }
      await page.goto(`${bo.baseUrl}/thread/${rootId}`);
      const tree = page.getByRole("tree", { name: "Thread" });
      await expect.poll(() => tree.textContent()).toContain(script);
      expect(await tree.textContent()).toContain(image);
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("stores text as valid Unicode in NFC", async () => {
    const lone = await ada.json("POST", "/api/messages", {
      receiverId: ids.bo,
      content: "lone \ud800 surrogate",
    });
    expect(lone.status).toBe(201);
    const decomposed = await ada.json("POST", "/api/messages", {
      receiverId: ids.bo,
      content: "cafe\u0301 decomposed",
    });
    expect(decomposed.status).toBe(201);
    const stored = await inspect(world.databaseUrl, async (db) => {
      const hex =
        db.dialect === "sqlite"
          ? "hex(content)"
          : "upper(encode(convert_to(content, 'UTF8'), 'hex'))";
      const rows = await db.all<{ bytes: string }>(
        `select ${hex} as bytes from messages where id in (?, ?) order by id`,
        (lone.body as { id: number }).id,
        (decomposed.body as { id: number }).id,
      );
      return rows.map((row) => row.bytes);
    });
    const utf8Hex = (text: string) => Buffer.from(text, "utf8").toString("hex").toUpperCase();
    expect(stored).toEqual([utf8Hex("lone \ufffd surrogate"), utf8Hex("caf\u00e9 decomposed")]);
  });

  it("isolates user-supplied names and snippets, so a right-to-left override stays inside", async () => {
    const [, boPerson] = world.people;
    if (!boPerson) throw new Error("Bo");
    const name = "Mallory \u202eevil\u202c";
    const mallory = world.anonymous();
    const registered = await callFormAction(
      mallory,
      "registerAction",
      { name, email: "mallory@reliability.test", password: "mallory's own 2026" },
      { page: "/register" },
    );
    expect(registered.status).toBeLessThan(400);
    expect(mallory.hasSession()).toBe(true);
    const snippet = "\u202eflipped snippet";
    expect(
      (await mallory.json("POST", "/api/messages", { receiverId: ids.bo, content: snippet }))
        .status,
    ).toBe(201);

    const bo = await world.signIn(boPerson);
    // /messages names colleagues (its recent conversations and directory show no snippet).
    for (const path of ["/inbox", "/notifications", "/messages"]) {
      const { status, html } = await bo.page(path);
      expect(status, path).toBe(200);
      expect(html, path).toContain(`<bdi>${name}</bdi>`);
      if (path !== "/messages") expect(html, path).toContain(`<bdi>${snippet}</bdi>`);
    }
  });

  it("shows a message nested too deep for Markdown as its text, and it can be deleted", async () => {
    const [adaPerson, boPerson] = world.people;
    if (!adaPerson || !boPerson) throw new Error("two people");
    // Each at most 10,000 characters: a quote 4,999 deep, lists 3,000 deep, the two mixed.
    const deep = [
      `${"> ".repeat(4_999)}x`,
      `${"- ".repeat(3_000)}deeplist`,
      `${"> - 1) ".repeat(1_400)}deepmix`,
    ];
    const sentIds: number[] = [];
    for (const content of deep) {
      const sent = await ada.json("POST", "/api/messages", { receiverId: ids.bo, content });
      expect(sent.status).toBe(201);
      sentIds.push((sent.body as { id: number }).id);
    }
    const bo = await world.signIn(boPerson);
    const asText = (text: string) =>
      text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
    const views: [Client, string, boolean][] = [
      // Unread views first: opening the conversation marks the messages read.
      [bo, "/inbox", false],
      [bo, "/notifications", false],
      [bo, "/search?q=deeplist", false],
      [bo, `/messages/${adaPerson.id}`, true],
      [ada, `/messages/${ids.bo}`, true],
    ];
    for (const [client, path, showsAll] of views) {
      // Twice: the second visit must not fail where the first did not.
      for (let visit = 0; visit < 2; visit++) {
        const { status, html } = await client.page(path);
        expect(status, path).toBe(200);
        if (showsAll) for (const content of deep) expect(html, path).toContain(asText(content));
      }
    }
    for (const [at, id] of sentIds.entries()) {
      for (const client of [ada, bo]) {
        const { status, html } = await client.page(`/thread/${id}`);
        expect(status, `/thread/${id}`).toBe(200);
        expect(html).toContain(asText(deep[at] ?? ""));
      }
    }

    // The sender deletes them from the conversation page (the answer re-renders the page).
    for (const id of sentIds) {
      const deleted = await callFormAction(
        ada,
        "deleteMessageAction",
        { messageId: String(id) },
        { page: `/messages/${ids.bo}` },
      );
      expect(deleted.status).toBe(200);
      expect(deleted.threw).toBe(false);
      expect(formState(deleted)?.ok, deleted.text.slice(0, 300)).toBe(true);
    }
    const left = await inspect(world.databaseUrl, (db) =>
      db.value(
        `select count(*) from messages where id in (${sentIds.map(() => "?").join(", ")})`,
        ...sentIds,
      ),
    );
    expect(Number(left)).toBe(0);
    for (const client of [ada, bo]) {
      const path = client === ada ? `/messages/${ids.bo}` : `/messages/${adaPerson.id}`;
      const { status, html } = await client.page(path);
      expect(status).toBe(200);
      expect(html).not.toContain("deeplist");
    }
    expect(world.server.log()).not.toMatch(/Maximum call stack|RangeError/);
  });
});
