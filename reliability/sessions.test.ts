import { describe, expect, it } from "vitest";
import { callAction, callFormAction, formState } from "../test-kit/actions";
import { Client } from "../test-kit/http";
import { useWorld } from "../test-kit/world";

/**
 * Sessions end on the server: a cookie copied before sign-out (or before "Sign out
 * everywhere", or a password change elsewhere) reads nothing, sends nothing, and its open
 * event stream closes.
 */
describe("sessions that end", () => {
  const world = useWorld({ label: "sessions", names: ["Ada", "Bo"] });

  /** A second client holding a copy of `client`'s cookies: what a thief would have. */
  function copyOf(client: Client): Client {
    const copy = new Client(world.server.baseUrl);
    for (const { name, value } of client.cookieList()) copy.setCookie(name, value);
    return copy;
  }

  async function refusedEverywhere(client: Client, otherId: number) {
    expect((await client.fetch(`/api/conversations/${otherId}`)).status).toBe(401);
    const sent = await client.json("POST", "/api/messages", {
      receiverId: otherId,
      content: "ghost",
    });
    expect(sent.status).toBe(401);
    const stream = await client.fetch("/api/events");
    expect(stream.status).toBe(401);
    await stream.body?.cancel();
  }

  /** Reads an event stream to its end; fails if it is still open after `ms`. */
  async function readsToEnd(response: Response, ms = 20_000): Promise<string> {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: false; value: undefined }>((resolve) =>
          setTimeout(() => resolve({ done: false, value: undefined }), 500),
        ),
      ]);
      if (chunk.done) return text;
      if (chunk.value) text += decoder.decode(chunk.value, { stream: true });
    }
    await reader.cancel();
    throw new Error(`the stream was still open after ${ms} ms:\n${text}`);
  }

  it("signing out ends the session for a copied cookie too, and closes its stream", async () => {
    const [ada, bo] = world.people as [(typeof world.people)[0], (typeof world.people)[0]];
    const client = await world.signIn(ada);
    const stolen = copyOf(client);
    expect((await stolen.fetch(`/api/conversations/${bo.id}`)).status).toBe(200);
    const stream = await stolen.fetch("/api/events");
    expect(stream.status).toBe(200);
    const signedOut = await callAction(client, "signOutAction", [], { page: "/messages" });
    expect(signedOut.status).toBeLessThan(400);
    expect(await readsToEnd(stream)).toContain("event: signed-out");
    await refusedEverywhere(stolen, bo.id);
  });

  it("'Sign out everywhere' ends every session of the user, the one asking included", async () => {
    const [ada, bo] = world.people as [(typeof world.people)[0], (typeof world.people)[0]];
    const laptop = await world.signIn(ada);
    const phone = await world.signIn(ada);
    const bos = await world.signIn(bo);
    const phoneStream = await phone.fetch("/api/events");
    await callAction(laptop, "signOutEverywhereAction", [], { page: "/settings/password" });
    expect(await readsToEnd(phoneStream)).toContain("event: signed-out");
    await refusedEverywhere(copyOf(laptop), bo.id);
    await refusedEverywhere(phone, bo.id);
    expect((await bos.fetch(`/api/conversations/${ada.id}`)).status).toBe(200);
  });

  it("a password change ends the other sessions and keeps this one", async () => {
    const [ada, bo] = world.people as [(typeof world.people)[0], (typeof world.people)[0]];
    const here = await world.signIn(ada);
    const elsewhere = await world.signIn(ada);
    const changed = await callFormAction(
      here,
      "changePasswordAction",
      { currentPassword: ada.password, newPassword: `${ada.password} v2` },
      { page: "/settings/password" },
    );
    expect(formState(changed)?.ok).toBe(true);
    await refusedEverywhere(elsewhere, bo.id);
    expect((await here.fetch(`/api/conversations/${bo.id}`)).status).toBe(200);
    ada.password = `${ada.password} v2`;
  });
});
