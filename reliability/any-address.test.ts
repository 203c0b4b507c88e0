import { describe, expect, it } from "vitest";
import { callActionWithoutJavaScript, callFormAction, formState } from "../test-kit/actions";
import { inspect } from "../test-kit/database";
import { Client } from "../test-kit/http";
import { useWorld } from "../test-kit/world";

const PASSWORD = "a long enough password";

/** How many lines of the server's log name this origin. */
const logLinesNaming = (log: string, origin: string) =>
  log.split("\n").filter((line) => line.includes("[origin]") && line.includes(origin)).length;

describe("without APP_ORIGIN, the app works at any address it serves", () => {
  // The server listens on 127.0.0.1 and believes it serves http://127.0.0.1:PORT; the
  // browser opens it at another of its addresses, as someone opening http://127.0.0.1:3000
  // (or the Network URL) while `npm run demo` announces http://localhost:3000 would.
  const world = useWorld({ label: "any-address", names: ["Bo"], env: { APP_ORIGIN: "" } });
  const elsewhere = () => new Client(`http://localhost:${world.server.port}`);

  it("registers, lands on the messages page of the same address, and sends", async () => {
    const ada = elsewhere();
    const registered = await callFormAction(
      ada,
      "registerAction",
      { name: "Ada Elsewhere", email: "ada.elsewhere@reliability.test", password: PASSWORD },
      { page: "/register" },
    );
    expect(registered.status, registered.text.slice(0, 300)).toBe(200);
    expect(ada.hasSession()).toBe(true);
    // Signed in on this address: the redirect must stay on it, where the cookie lives.
    // React's client reads "<address>;push": the part before the ";" is where it goes.
    const landing = new URL((registered.actionRedirect ?? "").replace(/;\w+$/, ""), ada.origin);
    expect(landing.origin).toBe(ada.origin);
    expect(landing.pathname).toBe("/messages");

    const bo = world.people[0];
    if (!bo) throw new Error("Bo");
    const sent = await callFormAction(
      ada,
      "sendMessageAction",
      { receiverId: String(bo.id), content: "hello from another address" },
      { page: `/messages/${bo.id}` },
    );
    expect(sent.status, sent.text.slice(0, 300)).toBe(200);
    expect(formState(sent)?.ok, sent.text.slice(0, 300)).toBe(true);
    const stored = await inspect(world.databaseUrl, (db) =>
      db.value("SELECT count(*) FROM messages WHERE content = ?", "hello from another address"),
    );
    expect(stored).toBe(1);

    const api = await ada.json(
      "POST",
      "/api/messages",
      { receiverId: bo.id, content: "and through the API" },
      { origin: ada.origin },
    );
    expect(api.status, api.text.slice(0, 300)).toBe(201);
  });

  it("still refuses a write from another site, says why, and logs it once", async () => {
    const eve = elsewhere();
    const forged = { origin: "http://evil.example" };
    const fields = { name: "Eve", email: "eve@reliability.test", password: PASSWORD };
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await callFormAction(eve, "registerAction", fields, {
        page: "/register",
        headers: forged,
      });
      expect(refused.status).toBe(403);
      expect(refused.text).toMatch(/^Cairo Chat refused this change: .*APP_ORIGIN/);
    }
    const forgedHost = await callFormAction(eve, "registerAction", fields, {
      page: "/register",
      headers: { ...forged, "x-forwarded-host": "localhost.evil.example" },
    });
    expect(forgedHost.status).toBe(403);
    expect(eve.hasSession()).toBe(false);
    expect(logLinesNaming(world.server.log(), "http://evil.example")).toBe(1);
    const eves = await inspect(world.databaseUrl, (db) =>
      db.value("SELECT count(*) FROM users WHERE email = ?", fields.email),
    );
    expect(eves).toBe(0);
  });
});

describe("with APP_ORIGIN set, only that origin may write", () => {
  const world = useWorld({
    label: "app-origin",
    names: ["Bo"],
    env: { APP_ORIGIN: "https://chat.cairo.example" },
  });

  it("refuses the app opened at another address, with a message naming APP_ORIGIN", async () => {
    const visitor = new Client(world.server.baseUrl);
    const fields = { name: "Cy", email: "cy@reliability.test", password: PASSWORD };
    const refused = await callFormAction(visitor, "registerAction", fields, { page: "/register" });
    expect(refused.status).toBe(403);
    // React's client throws this text as the action's error; the page's boundary shows it.
    expect(refused.contentType).toMatch(/^text\/plain/);
    expect(refused.text).toContain(`a page at "${visitor.origin}"`);
    expect(refused.text).toContain("APP_ORIGIN is https://chat.cairo.example");

    const withoutJavaScript = await callActionWithoutJavaScript(visitor, "registerAction", fields, {
      page: "/register",
    });
    expect(withoutJavaScript.status).toBe(403);
    expect(withoutJavaScript.text).toContain("APP_ORIGIN is https://chat.cairo.example");

    const api = await visitor.json(
      "POST",
      "/api/messages",
      { receiverId: 1, content: "hi" },
      {
        origin: visitor.origin,
      },
    );
    expect(api.status).toBe(403);
    expect((api.body as { error?: string }).error).toContain("APP_ORIGIN");

    expect(logLinesNaming(world.server.log(), visitor.origin)).toBe(1);
    const cys = await inspect(world.databaseUrl, (db) =>
      db.value("SELECT count(*) FROM users WHERE email = ?", fields.email),
    );
    expect(cys).toBe(0);
  });
});
