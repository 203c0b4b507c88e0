import { mkdtempSync, readdirSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { callFormAction } from "../test-kit/actions";
import type { Person } from "../test-kit/database";
import {
  gifHtmlPolyglot,
  HOSTILE_NAMES,
  pdf,
  png,
  pngBomb,
  sidewaysJpegWithGps,
} from "../test-kit/files";
import type { Client } from "../test-kit/http";
import { useWorld } from "../test-kit/world";

/**
 * Attachments over real HTTP against `next start`: hostile files are each a clear 4xx with
 * nothing written, an upload cut off mid-way leaves nothing, and downloads carry the
 * headers that keep a browser from running them, for the people who may see them only.
 */
const filesDir = mkdtempSync(path.join(os.tmpdir(), "cairo-reliability-files-"));

function storedFiles(): string[] {
  return readdirSync(filesDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function upload(
  client: Client,
  bytes: Buffer,
  name: string,
  type = "application/octet-stream",
) {
  const response = await client.fetch("/api/uploads", {
    method: "POST",
    headers: {
      "x-file-name": encodeURIComponent(name),
      "content-type": type,
      origin: client.origin,
    },
    body: new Uint8Array(bytes),
  });
  return {
    status: response.status,
    body: (await response.json()) as { id?: number; error?: string },
  };
}

describe("attachments over HTTP", () => {
  const world = useWorld({
    label: "attachments",
    names: ["Ada", "Bo", "Cy"],
    env: { FILES_DIR: filesDir, MAX_UPLOAD_MB: "2" },
  });
  let ada: Client;
  let bo: Client;
  let cy: Client;
  let people: Person[];

  beforeAll(async () => {
    people = world.people;
    [ada, bo, cy] = (await Promise.all(people.map((person) => world.signIn(person)))) as [
      Client,
      Client,
      Client,
    ];
  });

  const hostile: [string, () => Promise<{ bytes: Buffer; name: string; type?: string }>, number][] =
    [
      ["zero bytes", async () => ({ bytes: Buffer.alloc(0), name: "empty.png" }), 400],
      [
        "a huge-dimension image",
        async () => ({ bytes: pngBomb(), name: "bomb.png", type: "image/png" }),
        422,
      ],
      [
        "a GIF/HTML polyglot",
        async () => ({ bytes: gifHtmlPolyglot(), name: "cat.gif", type: "image/gif" }),
        415,
      ],
      [
        "a type that lies",
        async () => ({ bytes: pdf(), name: "photo.png", type: "image/png" }),
        415,
      ],
      [
        "an SVG",
        async () => ({
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
          name: "logo.svg",
          type: "image/svg+xml",
        }),
        415,
      ],
      [
        "a file over MAX_UPLOAD_MB",
        async () => ({ bytes: Buffer.alloc(2 * 1024 * 1024 + 1, 0x61), name: "big.txt" }),
        413,
      ],
      ...Object.entries(HOSTILE_NAMES).map(
        ([what, name]): [string, () => Promise<{ bytes: Buffer; name: string }>, number] => [
          `a name with ${what}`,
          async () => ({ bytes: Buffer.from("hello"), name }),
          400,
        ],
      ),
    ];
  for (const [what, make, status] of hostile) {
    it(`refuses ${what}: ${status}, a reason, nothing written`, async () => {
      const { bytes, name, type } = await make();
      const answer = await upload(ada, bytes, name, type);
      expect(answer.status).toBe(status);
      expect(answer.body.error?.length ?? 0).toBeGreaterThan(10);
      expect(storedFiles()).toEqual([]);
    });
  }

  it("an upload cut off mid-way leaves nothing behind", async () => {
    const url = new URL("/api/uploads", world.server.baseUrl);
    await new Promise<void>((resolve) => {
      const request = http.request(url, {
        method: "POST",
        headers: {
          cookie: ada.cookieHeader(),
          "x-file-name": "cut.txt",
          "content-type": "text/plain",
          "content-length": String(1024 * 1024),
        },
      });
      request.on("error", () => resolve());
      request.on("close", () => resolve());
      request.write(Buffer.alloc(200_000, 0x61), () => setTimeout(() => request.destroy(), 200));
    });
    // The server notices the closed socket and removes its scratch file; poll for it.
    for (let i = 0; i < 100 && storedFiles().length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(storedFiles()).toEqual([]);
  });

  it("serves a sent image to the two people only, with safe headers and ranges; deleting removes it", async () => {
    const [adaPerson, boPerson] = people as [Person, Person];
    const image = await upload(ada, await sidewaysJpegWithGps(), "trip.jpg", "image/jpeg");
    const notes = await upload(ada, Buffer.from("Résumé notes\n"), "Résumé.txt", "text/plain");
    expect([image.status, notes.status]).toEqual([201, 201]);
    const sent = await ada.json(
      "POST",
      "/api/messages",
      { receiverId: boPerson.id, content: "", attachmentIds: [image.body.id, notes.body.id] },
      { origin: ada.origin },
    );
    expect(sent.status).toBe(201);
    const messageId = (sent.body as { id: number }).id;

    const shown = await bo.fetch(`/api/files/${image.body.id}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/jpeg");
    expect(shown.headers.get("x-content-type-options")).toBe("nosniff");
    expect(shown.headers.get("content-disposition")).toMatch(/^inline; filename="trip.jpg"/);
    expect(shown.headers.get("cache-control")).toContain("private");
    await shown.arrayBuffer();

    const text = await bo.fetch(`/api/files/${notes.body.id}`);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.headers.get("content-disposition")).toBe(
      `attachment; filename="R_sum_.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9.txt`,
    );
    expect(await text.text()).toBe("Résumé notes\n");

    const part = await bo.fetch(`/api/files/${notes.body.id}`, { headers: { range: "bytes=0-2" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(
      `bytes 0-2/${Buffer.byteLength("Résumé notes\n")}`,
    );
    expect(Buffer.from(await part.arrayBuffer()).toString("latin1")).toBe("R\xc3\xa9");

    const thumbnail = await bo.fetch(`/api/files/${image.body.id}?size=thumbnail`);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    await thumbnail.arrayBuffer();

    for (const id of [image.body.id, notes.body.id]) {
      const stranger = await cy.fetch(`/api/files/${id}`);
      expect(stranger.status).toBe(404);
      await stranger.arrayBuffer();
    }
    const anonymous = await world.anonymous().fetch(`/api/files/${image.body.id}`);
    expect(anonymous.status).toBe(401);

    const deleted = await callFormAction(
      ada,
      "deleteMessageAction",
      { messageId: String(messageId) },
      { page: `/messages/${boPerson.id}` },
    );
    expect(deleted.status).toBe(200);
    for (const id of [image.body.id, notes.body.id]) {
      const gone = await bo.fetch(`/api/files/${id}`);
      expect(gone.status).toBe(404);
      await gone.arrayBuffer();
    }
    expect(storedFiles()).toEqual([]);
    void adaPerson;
  });

  it("a send naming someone else's upload is refused and stores nothing", async () => {
    const [, boPerson, cyPerson] = people as [Person, Person, Person];
    const bos = await upload(bo, await png(), "mine.png", "image/png");
    const refused = await ada.json(
      "POST",
      "/api/messages",
      { receiverId: cyPerson.id, content: "look", attachmentIds: [bos.body.id] },
      { origin: ada.origin },
    );
    expect(refused.status).toBe(400);
    const own = await bo.fetch(`/api/files/${bos.body.id}`);
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    void boPerson;
  });
});
