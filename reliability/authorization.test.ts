import { beforeAll, describe, expect, it } from "vitest";
import { type ActionName, callAction, callFormAction } from "../test-kit/actions";
import { fingerprint, inspect, type Person } from "../test-kit/database";
import { Client } from "../test-kit/http";
import {
  type Answer,
  expectRefused,
  fromAction,
  fromPage,
  fromResponse,
} from "../test-kit/refusal";
import { FOREIGN_MARKER, type Scenario, seedScenario } from "../test-kit/scenario";
import { useWorld } from "../test-kit/world";

/**
 * Who asks: Ada (signed in, not part of Bo <-> Cy), an anonymous visitor, Dee's session
 * cookie after Dee deleted her account elsewhere, and a forged session cookie.
 */
type Actor = "ada" | "anonymous" | "stale" | "forged";

/** refused: a 4xx or a form error; hidden: answered, but without a byte of foreign data. */
type Expectation = "refused" | "hidden";

interface Row {
  action: string;
  target: string;
  actor: Actor;
  expectation?: Expectation;
  run: (as: Client) => Promise<Answer>;
}

const ADMIN_ACTIONS = [
  "deactivateUserAction",
  "reactivateUserAction",
  "deleteUserAction",
  "grantAdminAction",
  "revokeAdminAction",
] as const satisfies ActionName[];

/** What the admin actions write besides the fingerprinted tables: sessions and the audit log. */
function adminState(url: string) {
  return inspect(url, async (db) => ({
    sessions: await db.all("select id, user_id from sessions order by id"),
    // A refused current password is audited against the actor's own account (the
    // sign-in limits count it); it changes nothing of anyone else's.
    audit: await db.all("select * from audit_log where action <> 'password_refused' order by id"),
  }));
}

describe("authorization matrix: every action against someone else's data is refused and changes nothing", () => {
  const world = useWorld<Scenario>({
    label: "authz",
    names: ["Ada", "Bo", "Cy", "Dee"],
    seed: seedScenario,
  });
  const actors = {} as Record<Actor, Client>;
  let s: Scenario;
  let people: Record<"ada" | "bo" | "cy" | "dee", Person>;

  beforeAll(async () => {
    const [ada, bo, cy, dee] = world.people;
    if (!ada || !bo || !cy || !dee) throw new Error("four people");
    people = { ada, bo, cy, dee };
    s = world.seeded;
    actors.ada = await world.signIn(ada);
    actors.anonymous = world.anonymous();
    actors.forged = world.anonymous();
    actors.forged.setCookie("authjs.session-token", "forged.session.token");
    actors.stale = await staleSessionOf(dee);

    // Bo warms the cached views of his conversation with Cy, so a leak would show.
    const bosClient = await world.signIn(bo);
    for (const path of [
      `/messages/${cy.id}`,
      `/thread/${s.foreignRoot}`,
      `/api/conversations/${cy.id}`,
      `/api/threads/${s.foreignNestedReply}`,
    ]) {
      const response = await bosClient.fetch(path);
      expect(await response.text(), path).toContain(FOREIGN_MARKER);
    }
  });

  /** Dee signs in, keeps her cookie, and deletes her account: the cookie outlives it. */
  async function staleSessionOf(dee: Person): Promise<Client> {
    const client = await world.signIn(dee);
    const cookies = client.cookieList();
    const deleted = await callFormAction(
      client,
      "deleteAccountAction",
      { password: dee.password },
      { page: "/settings/account" },
    );
    expect(deleted.status).toBeLessThan(400);
    const left = await inspect(world.databaseUrl, (db) =>
      db.value("select count(*) from users where id = ?", dee.id),
    );
    expect(left).toBe(0);
    const stale = new Client(world.server.baseUrl);
    for (const { name, value } of cookies) stale.setCookie(name, value);
    return stale;
  }

  const id = (pick: (scenario: Scenario) => number) => () => String(pick(s));
  const form =
    (
      name: ActionName,
      fields: () => Record<string, string>,
      page = () => `/messages/${people.bo.id}`,
    ) =>
    async (as: Client) =>
      fromAction(await callFormAction(as, name, fields(), { page: page() }));
  const call = (name: ActionName, args: () => unknown[]) => async (as: Client) =>
    fromAction(await callAction(as, name, args(), { page: `/messages/${people.bo.id}` }));
  const api =
    (body: () => unknown, path = "/api/messages") =>
    async (as: Client) =>
      fromResponse(await as.json("POST", path, body()));
  const markRead = (messageIds: () => number[]) =>
    api(() => ({ messageIds: messageIds() }), "/api/messages/read");
  const get = (path: () => string) => async (as: Client) =>
    fromResponse(await as.json("GET", path()));
  const page = (path: () => string) => async (as: Client) => fromPage(await as.page(path()));

  const everyone: Actor[] = ["anonymous", "stale", "forged"];
  const rows: Row[] = [
    // send
    ...everyone.map(
      (actor): Row => ({
        action: "send (API)",
        target: "Bo",
        actor,
        run: api(() => ({ receiverId: people.bo.id, content: "hi" })),
      }),
    ),
    ...everyone.map(
      (actor): Row => ({
        action: "send (action)",
        target: "Bo",
        actor,
        run: form("sendMessageAction", () => ({ receiverId: String(people.bo.id), content: "hi" })),
      }),
    ),
    {
      action: "send (API)",
      target: "a deleted account",
      actor: "ada",
      run: api(() => ({ receiverId: people.dee.id, content: "hi" })),
    },
    // reply
    {
      action: "reply (API)",
      target: "another conversation's root",
      actor: "ada",
      run: api(() => ({ parentMessageId: s.foreignRoot, content: "re" })),
    },
    {
      action: "reply (API)",
      target: "another conversation's nested reply",
      actor: "ada",
      run: api(() => ({ parentMessageId: s.foreignNestedReply, content: "re" })),
    },
    {
      action: "reply (API)",
      target: "own message, into another conversation",
      actor: "ada",
      run: api(() => ({ parentMessageId: s.adaToBo, receiverId: people.cy.id, content: "re" })),
    },
    {
      action: "reply (action)",
      target: "another conversation's root",
      actor: "ada",
      run: form("replyAction", () => ({
        parentMessageId: id((x) => x.foreignRoot)(),
        content: "re",
      })),
    },
    {
      action: "reply (action)",
      target: "another conversation's reply",
      actor: "ada",
      run: form("replyAction", () => ({
        parentMessageId: id((x) => x.foreignReply)(),
        content: "re",
      })),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "reply (action)",
        target: "Ada's conversation",
        actor,
        run: form("replyAction", () => ({
          parentMessageId: id((x) => x.boToAda)(),
          content: "re",
        })),
      }),
    ),
    // edit
    {
      action: "edit",
      target: "another conversation's root",
      actor: "ada",
      run: form("editMessageAction", () => ({
        messageId: id((x) => x.foreignRoot)(),
        content: "mine",
      })),
    },
    {
      action: "edit",
      target: "another conversation's reply",
      actor: "ada",
      run: form("editMessageAction", () => ({
        messageId: id((x) => x.foreignReply)(),
        content: "mine",
      })),
    },
    {
      action: "edit",
      target: "a message Bo sent Ada",
      actor: "ada",
      run: form("editMessageAction", () => ({
        messageId: id((x) => x.boToAda)(),
        content: "mine",
      })),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "edit",
        target: "Ada's message",
        actor,
        run: form("editMessageAction", () => ({
          messageId: id((x) => x.adaToBo)(),
          content: "mine",
        })),
      }),
    ),
    // delete message
    {
      action: "delete message",
      target: "another conversation's root",
      actor: "ada",
      run: form("deleteMessageAction", () => ({ messageId: id((x) => x.foreignRoot)() })),
    },
    {
      action: "delete message",
      target: "another conversation's nested reply",
      actor: "ada",
      run: form("deleteMessageAction", () => ({ messageId: id((x) => x.foreignNestedReply)() })),
    },
    {
      action: "delete message",
      target: "a message Bo sent Ada",
      actor: "ada",
      run: form("deleteMessageAction", () => ({ messageId: id((x) => x.boToAda)() })),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "delete message",
        target: "Ada's message",
        actor,
        run: form("deleteMessageAction", () => ({ messageId: id((x) => x.adaToBo)() })),
      }),
    ),
    // mark read / unread, notifications
    {
      action: "mark read",
      target: "another conversation's unread message",
      actor: "ada",
      run: markRead(() => [s.foreignReply]),
    },
    {
      action: "mark read",
      target: "a message Ada sent (Bo's to read)",
      actor: "ada",
      run: markRead(() => [s.adaToBoUnread]),
    },
    {
      action: "mark read",
      target: "her own unread message plus a foreign one",
      actor: "ada",
      run: markRead(() => [s.boToAda, s.foreignReply]),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "mark read",
        target: "Ada's unread message",
        actor,
        run: markRead(() => [s.boToAda]),
      }),
    ),
    {
      action: "mark unread",
      target: "another conversation's read message",
      actor: "ada",
      run: form("markUnreadAction", () => ({ messageId: id((x) => x.foreignRoot)() })),
    },
    {
      action: "mark unread",
      target: "a message Ada sent (read by Bo)",
      actor: "ada",
      run: form("markUnreadAction", () => ({ messageId: id((x) => x.adaToBo)() })),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "mark unread",
        target: "Bo's read message",
        actor,
        run: form("markUnreadAction", () => ({ messageId: id((x) => x.adaToBo)() })),
      }),
    ),
    {
      action: "open notification",
      target: "Bo's notification from Ada",
      actor: "ada",
      run: call("openNotificationAction", () => [s.bosNotification]),
    },
    {
      action: "open notification",
      target: "Bo's notification from Cy",
      actor: "ada",
      run: call("openNotificationAction", () => [s.bosForeignNotification]),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "mark all read",
        target: "anyone's inbox",
        actor,
        expectation: "hidden",
        run: call("markAllReadAction", () => []),
      }),
    ),
    ...everyone.map(
      (actor): Row => ({
        action: "mark all notifications read",
        target: "anyone's",
        actor,
        expectation: "hidden",
        run: call("markAllNotificationsReadAction", () => []),
      }),
    ),
    // view conversation
    {
      action: "view conversation (page)",
      target: "Cy, who talks with Bo",
      actor: "ada",
      expectation: "hidden",
      run: page(() => `/messages/${people.cy.id}`),
    },
    {
      action: "view conversation (API)",
      target: "Cy, who talks with Bo",
      actor: "ada",
      expectation: "hidden",
      run: get(() => `/api/conversations/${people.cy.id}`),
    },
    {
      action: "view conversation (API)",
      target: "Cy, paged from a Bo <-> Cy message",
      actor: "ada",
      run: get(() => `/api/conversations/${people.cy.id}?before=${s.foreignNestedReply}`),
    },
    {
      action: "view conversation (API)",
      target: "Bo, paged from a Bo <-> Cy message (a foreign cursor)",
      actor: "ada",
      run: get(() => `/api/conversations/${people.bo.id}?before=${s.foreignRoot}`),
    },
    {
      action: "view inbox (page)",
      target: "paged from a message Cy received (a foreign cursor)",
      actor: "ada",
      run: page(() => `/inbox?before=${s.foreignRoot}`),
    },
    {
      action: "view inbox (page)",
      target: "paged from a message Ada sent (not in her inbox)",
      actor: "ada",
      run: page(() => `/inbox?before=${s.adaToBo}`),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "view conversation (page)",
        target: "Bo <-> Cy",
        actor,
        run: page(() => `/messages/${people.cy.id}`),
      }),
    ),
    ...everyone.map(
      (actor): Row => ({
        action: "view conversation (API)",
        target: "Bo <-> Cy",
        actor,
        run: get(() => `/api/conversations/${people.cy.id}`),
      }),
    ),
    // thread
    {
      action: "view thread (page)",
      target: "another conversation's root",
      actor: "ada",
      run: page(() => `/thread/${s.foreignRoot}`),
    },
    {
      action: "view thread (page)",
      target: "another conversation's nested reply",
      actor: "ada",
      run: page(() => `/thread/${s.foreignNestedReply}`),
    },
    {
      action: "view thread (API)",
      target: "another conversation's reply",
      actor: "ada",
      run: get(() => `/api/threads/${s.foreignReply}`),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "view thread (page)",
        target: "another conversation's root",
        actor,
        run: page(() => `/thread/${s.foreignRoot}`),
      }),
    ),
    ...everyone.map(
      (actor): Row => ({
        action: "view thread (API)",
        target: "another conversation's root",
        actor,
        run: get(() => `/api/threads/${s.foreignRoot}`),
      }),
    ),
    // history
    {
      action: "history",
      target: "another conversation's edited message",
      actor: "ada",
      run: get(() => `/api/messages/${s.foreignRoot}/history`),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "history",
        target: "another conversation's edited message",
        actor,
        run: get(() => `/api/messages/${s.foreignRoot}/history`),
      }),
    ),
    // delete account
    {
      action: "delete account",
      target: "with Bo's password",
      actor: "ada",
      run: form(
        "deleteAccountAction",
        () => ({ password: people.bo.password }),
        () => "/settings/account",
      ),
    },
    {
      action: "delete account",
      target: "naming Bo's id",
      actor: "ada",
      run: form(
        "deleteAccountAction",
        () => ({ userId: String(people.bo.id), password: "not Ada's password" }),
        () => "/settings/account",
      ),
    },
    ...everyone.map(
      (actor): Row => ({
        action: "delete account",
        target: "the account behind the cookie",
        actor,
        run: form(
          "deleteAccountAction",
          () => ({ password: people.dee.password }),
          () => "/settings/account",
        ),
      }),
    ),
    // administration: members and visitors get the console's 404 (or the sign-in page)
    ...(["ada", ...everyone] as Actor[]).flatMap((actor): Row[] => [
      { action: "admin console (page)", target: "/admin", actor, run: page(() => "/admin") },
      {
        action: "admin console (page)",
        target: "/admin searching Bo",
        actor,
        run: page(() => "/admin?q=bo&page=1"),
      },
      ...ADMIN_ACTIONS.map(
        (name): Row => ({
          action: `admin: ${name}`,
          target: "Bo",
          actor,
          run: form(
            name,
            () => ({ userId: String(people.bo.id) }),
            () => "/admin",
          ),
        }),
      ),
      {
        action: "admin: grantAdminAction",
        target: "herself",
        actor,
        run: form(
          "grantAdminAction",
          () => ({ userId: String(people.ada.id) }),
          () => "/admin",
        ),
      },
    ]),
  ];

  for (const row of rows) {
    it(`${row.action} | ${row.target} | as ${row.actor}`, async () => {
      const before = await fingerprint(world.databaseUrl);
      const adminBefore = await adminState(world.databaseUrl);
      const answer = await row.run(actors[row.actor]);
      expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
      if ((row.expectation ?? "refused") === "refused") {
        expectRefused(answer, { allowLoginRedirect: row.actor !== "ada" });
      }
      expect(answer.text).not.toContain(FOREIGN_MARKER);
      expect(await fingerprint(world.databaseUrl)).toBe(before);
      expect(await adminState(world.databaseUrl)).toEqual(adminBefore);
    });
  }

  it("takes the sender from the session, never from the request", async () => {
    const response = await actors.ada.json("POST", "/api/messages", {
      receiverId: people.cy.id,
      senderId: people.bo.id,
      content: "who sent this?",
    });
    expect(response.status).toBe(201);
    const sender = await inspect(world.databaseUrl, (db) =>
      db.value("select sender_id from messages where content = 'who sent this?'"),
    );
    expect(sender).toBe(people.ada.id);
  });

  it("lets Ada do the same things to her own data (the refusals above are about ownership)", async () => {
    const ada = actors.ada;
    const edited = await callFormAction(
      ada,
      "editMessageAction",
      { messageId: String(s.adaToBo), content: "ada to bo, edited by Ada" },
      { page: `/messages/${people.bo.id}` },
    );
    expect(fromAction(edited).form?.ok).toBe(true);
    const read = await ada.json("POST", "/api/messages/read", { messageIds: [s.boToAda] });
    expect(read).toMatchObject({ status: 200, body: { changed: 1 } });
    const replied = await callFormAction(
      ada,
      "replyAction",
      { parentMessageId: String(s.boToAda), content: "Ada replies" },
      { page: `/messages/${people.bo.id}` },
    );
    expect(fromAction(replied).form?.ok).toBe(true);
    const rows = await inspect(world.databaseUrl, async (db) => ({
      edited: await db.value("select content from messages where id = ?", s.adaToBo),
      read: await db.value("select read from messages where id = ?", s.boToAda),
      reply: await db.value(
        "select count(*) from messages where parent_message_id = ? and sender_id = ?",
        s.boToAda,
        people.ada.id,
      ),
    }));
    expect(rows).toEqual({ edited: "ada to bo, edited by Ada", read: 1, reply: 1 });
    // Her own cursors still page.
    expect((await ada.page(`/inbox?before=${s.boToAda}`)).status).toBe(200);
    const older = await ada.json("GET", `/api/conversations/${people.bo.id}?before=${s.boToAda}`);
    expect(older.status).toBe(200);
  });
});
