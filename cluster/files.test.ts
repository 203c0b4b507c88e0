import { beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../test-kit/database";
import { png } from "../test-kit/files";
import type { Client } from "../test-kit/http";
import { cluster, printLogsOnFailure, sameSessionOn, seedPeople, signIn } from "./support/cluster";

/**
 * Attachments on several servers sharing one FILES_DIR (a network file system in
 * production): a file uploaded through server A and sent is downloaded through server B,
 * thumbnail included, and a stranger gets 404 on both.
 */
describe("attachments across servers", () => {
  printLogsOnFailure();
  let ada: Person;
  let bo: Person;
  let cy: Person;
  let adaOnA: Client;
  beforeAll(async () => {
    [ada, bo, cy] = (await seedPeople(["Files Ada", "Files Bo", "Files Cy"])) as [
      Person,
      Person,
      Person,
    ];
    adaOnA = await signIn(cluster().serverUrls[0] as string, ada);
  });

  it("uploads through A, sends through A, downloads through B", async () => {
    const [a, b] = cluster().serverUrls as [string, string];
    const image = await png(120, 80);
    const uploaded = await adaOnA.fetch("/api/uploads", {
      method: "POST",
      headers: {
        "x-file-name": "shared.png",
        "content-type": "image/png",
        origin: adaOnA.origin,
      },
      body: new Uint8Array(image),
    });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: number };
    const sent = await adaOnA.json(
      "POST",
      "/api/messages",
      { receiverId: bo.id, content: "across", attachmentIds: [id] },
      { origin: adaOnA.origin },
    );
    expect(sent.status).toBe(201);

    const boOnB = await signIn(b, bo);
    const full = await boOnB.fetch(`/api/files/${id}`);
    expect(full.status).toBe(200);
    expect(Buffer.from(await full.arrayBuffer()).subarray(0, 8)).toEqual(image.subarray(0, 8));
    const thumbnail = await boOnB.fetch(`/api/files/${id}?size=thumbnail`);
    expect(thumbnail.status).toBe(200);
    await thumbnail.arrayBuffer();

    const adaOnB = sameSessionOn(adaOnA, b);
    const own = await adaOnB.fetch(`/api/files/${id}`);
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    for (const server of [a, b]) {
      const cyThere = await signIn(server, cy);
      const refused = await cyThere.fetch(`/api/files/${id}`);
      expect(refused.status).toBe(404);
      await refused.arrayBuffer();
    }
  });
});
