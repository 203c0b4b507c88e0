import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { updateWhere } from "@/db/events";
import { rows } from "@/db/query";
import { attachments } from "@/db/schema";
import { deleteAccount } from "@/lib/accounts/accounts";
import { downloadableFile } from "@/lib/files/access";
import { sweepUploads, UNATTACHED_LIFETIME_MS } from "@/lib/files/cleanup";
import { contentDisposition } from "@/lib/files/names";
import { parseRange } from "@/lib/files/serve";
import { fileStore, filesDir } from "@/lib/files/storage";
import { storeUpload } from "@/lib/files/upload";
import { conversationFor, threadFor } from "@/lib/messaging/cached-views";
import { deleteMessage, editMessage, sendMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom, joinRoom, removeRoomMember } from "@/lib/rooms/rooms";
import {
  gifHtmlPolyglot,
  HOSTILE_NAMES,
  pdf,
  png,
  pngBomb,
  sidewaysJpegWithGps,
} from "@/test-kit/files";
import { expectOk, makeUser, PASSWORD } from "./helpers";

async function upload(userId: number, bytes: Buffer, name = "picture.png", type = "image/png") {
  return storeUpload(userId, {
    name,
    claimedType: type,
    declaredSize: bytes.length,
    body: Readable.from([bytes]),
  });
}

async function uploaded(userId: number, bytes: Buffer, name?: string, type?: string) {
  const outcome = await upload(userId, bytes, name, type);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.attachment;
}

/** Every file under FILES_DIR (scratch included): what "nothing written" is checked against. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(filesDir(), { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function attachmentCount() {
  const [row] = await rows<{ n: number }>(sql`select count(*) as n from attachments`);
  return Number(row?.n);
}

beforeEach(async () => {
  await rm(filesDir(), { recursive: true, force: true });
});

describe("uploads", () => {
  it("stores an image under a server-chosen key with a thumbnail, unattached", async () => {
    const ada = await makeUser("Ada");
    const file = await uploaded(ada.id, await png(), "Plan ✓.png");
    expect(file).toMatchObject({ name: "Plan ✓.png", mimeType: "image/png", width: 64 });
    expect(file.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(file.thumbnailKey).toBe(`${file.storageKey}-thumb`);
    expect(file.attachedAt).toBeNull();
    expect((await storedFiles()).length).toBe(2);
  });

  it("applies the orientation and strips metadata such as a GPS position", async () => {
    const ada = await makeUser("Ada");
    const file = await uploaded(ada.id, await sidewaysJpegWithGps(), "trip.jpg", "image/jpeg");
    expect([file.width, file.height]).toEqual([40, 80]);
    for (const key of [file.storageKey, file.thumbnailKey as string]) {
      const meta = await sharp(path.join(filesDir(), key)).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.height).toBeGreaterThan(meta.width as number);
    }
  });

  it("types a file from its content: a text file and a PDF are files, not images", async () => {
    const ada = await makeUser("Ada");
    const notes = await uploaded(ada.id, Buffer.from("minutes, café\n"), "notes.txt", "text/plain");
    expect(notes).toMatchObject({ mimeType: "text/plain", thumbnailKey: null });
    const doc = await uploaded(ada.id, pdf(), "spec.pdf", "application/octet-stream");
    expect(doc.mimeType).toBe("application/pdf");
  });

  const hostile: [string, () => ReturnType<typeof upload>, number][] = [
    ["zero bytes", async () => upload(1, Buffer.alloc(0), "empty.png"), 400],
    ["an image bomb", async () => upload(1, pngBomb(), "bomb.png"), 422],
    [
      "a GIF that is also a web page",
      async () => upload(1, gifHtmlPolyglot(), "cat.gif", "image/gif"),
      415,
    ],
    ["a PDF named .png", async () => upload(1, pdf(), "photo.png"), 415],
    ["a PDF the browser calls an image", async () => upload(1, pdf(), "scan", "image/jpeg"), 415],
    [
      "a program",
      async () =>
        upload(
          1,
          Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".repeat(20), "latin1"),
          "tool.bin",
        ),
      415,
    ],
    [
      "a web page",
      async () =>
        upload(1, Buffer.from("<!doctype html><script>x()</script>"), "page.txt", "text/plain"),
      415,
    ],
    ...Object.entries(HOSTILE_NAMES).map(
      ([what, name]): [string, () => ReturnType<typeof upload>, number] => [
        `a name with ${what}`,
        async () => upload(1, Buffer.from("hello"), name, "text/plain"),
        400,
      ],
    ),
  ];
  for (const [what, send, status] of hostile) {
    it(`refuses ${what} with a ${status} that names the problem, writing nothing`, async () => {
      await makeUser("Ada");
      const outcome = await send();
      expect(outcome).toMatchObject({ ok: false, status });
      if (!outcome.ok) expect(outcome.error.length).toBeGreaterThan(10);
      expect(await storedFiles()).toEqual([]);
      expect(await attachmentCount()).toBe(0);
    });
  }

  it("refuses a file over MAX_UPLOAD_MB, declared or not, naming the limit", async () => {
    const ada = await makeUser("Ada");
    process.env.MAX_UPLOAD_MB = "1";
    try {
      const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
      const declared = await upload(ada.id, big, "big.txt", "text/plain");
      expect(declared).toMatchObject({ ok: false, status: 413 });
      if (!declared.ok) expect(declared.error).toContain("at most 1 MB");
      const streamed = await storeUpload(ada.id, {
        name: "big.txt",
        claimedType: null,
        declaredSize: null,
        body: Readable.from([big.subarray(0, 600_000), big.subarray(600_000)]),
      });
      expect(streamed).toMatchObject({ ok: false, status: 413 });
    } finally {
      delete process.env.MAX_UPLOAD_MB;
    }
    expect(await storedFiles()).toEqual([]);
  });

  it("leaves nothing behind when the upload is cut off mid-way", async () => {
    const ada = await makeUser("Ada");
    const body = new Readable({ read() {} });
    const outcome = storeUpload(ada.id, {
      name: "cut.txt",
      claimedType: "text/plain",
      declaredSize: 10_000,
      body,
    });
    body.push(Buffer.alloc(5000, 0x61));
    body.on("error", () => {});
    setImmediate(() => body.destroy(new Error("aborted")));
    expect(await outcome).toMatchObject({ ok: false, status: 400 });
    expect(await storedFiles()).toEqual([]);
    expect(await attachmentCount()).toBe(0);
  });
});

describe("attaching by the send", () => {
  it("attaches uploads in the send; a message may have only attachments", async () => {
    const [ada, ben] = [await makeUser("Ada"), await makeUser("Ben")];
    const image = await uploaded(ada.id, await png());
    const notes = await uploaded(ada.id, Buffer.from("notes"), "notes.txt", "text/plain");
    const sent = expectOk(
      await sendMessage(ada.id, {
        receiverId: ben.id,
        content: "",
        attachmentIds: `${image.id},${notes.id}`,
      }),
    );
    expect(sent.content).toBe("");
    const view = await conversationFor(ben.id, ada.id);
    expect(view.messages[0]?.attachments?.map((a) => [a.name, a.thumbnail])).toEqual([
      ["picture.png", true],
      ["notes.txt", false],
    ]);
  });

  it("refuses an empty message without attachments, and more than 10 files", async () => {
    const [ada, ben] = [await makeUser("Ada"), await makeUser("Ben")];
    expect(await sendMessage(ada.id, { receiverId: ben.id, content: " " })).toMatchObject({
      code: "invalid",
    });
    const eleven = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(
      await sendMessage(ada.id, { receiverId: ben.id, content: "x", attachmentIds: eleven }),
    ).toMatchObject({ code: "invalid", error: "Attach at most 10 files to a message." });
  });

  it("rolls the whole send back for someone else's upload or one already attached", async () => {
    const [ada, ben] = [await makeUser("Ada"), await makeUser("Ben")];
    const bens = await uploaded(ben.id, await png());
    const refused = await sendMessage(ada.id, {
      receiverId: ben.id,
      content: "hi",
      attachmentIds: [bens.id],
    });
    expect(refused).toMatchObject({ code: "invalid" });
    const [count] = await rows<{ n: number }>(sql`select count(*) as n from messages`);
    expect(Number(count?.n)).toBe(0);
    const mine = await uploaded(ada.id, await png());
    expectOk(
      await sendMessage(ada.id, { receiverId: ben.id, content: "1", attachmentIds: [mine.id] }),
    );
    expect(
      await sendMessage(ada.id, { receiverId: ben.id, content: "2", attachmentIds: [mine.id] }),
    ).toMatchObject({ code: "invalid" });
  });

  it("attaches to thread replies and room messages, shown in the thread", async () => {
    const [ada, ben] = [await makeUser("Ada"), await makeUser("Ben")];
    const root = expectOk(await sendMessage(ada.id, { receiverId: ben.id, content: "q" }));
    const file = await uploaded(ben.id, await png());
    const reply = expectOk(
      await replyToMessage(ben.id, {
        parentMessageId: root.id,
        content: "a",
        attachmentIds: [file.id],
      }),
    );
    const thread = await threadFor(ada.id, root.id);
    expect(thread.messages.find((m) => m.id === reply.id)?.attachments?.[0]?.id).toBe(file.id);
    const room = expectOk(await createRoom(ada.id, { name: "ops", kind: "open" }));
    const roomFile = await uploaded(ada.id, await png());
    expectOk(
      await sendRoomMessage(ada.id, { roomId: room.id, content: "", attachmentIds: [roomFile.id] }),
    );
    expect(await downloadableFile(ben.id, roomFile.id)).toBeDefined();
  });
});

describe("who may download", () => {
  it("the two people of a direct message, and the uploader before the send; nobody else", async () => {
    const [ada, ben, cleo] = [await makeUser("Ada"), await makeUser("Ben"), await makeUser("Cleo")];
    const file = await uploaded(ada.id, await png());
    expect(await downloadableFile(ada.id, file.id)).toBeDefined();
    expect(await downloadableFile(ben.id, file.id)).toBeUndefined();
    expectOk(
      await sendMessage(ada.id, { receiverId: ben.id, content: "x", attachmentIds: [file.id] }),
    );
    expect(await downloadableFile(ada.id, file.id)).toBeDefined();
    expect(await downloadableFile(ben.id, file.id)).toBeDefined();
    expect(await downloadableFile(cleo.id, file.id)).toBeUndefined();
    expect(await downloadableFile(cleo.id, 999_999)).toBeUndefined();
  });

  it("a private room's members only, and not once removed", async () => {
    const [ada, ben, cleo] = [await makeUser("Ada"), await makeUser("Ben"), await makeUser("Cleo")];
    const room = expectOk(await createRoom(ada.id, { name: "secret", kind: "private" }));
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: ben.id }));
    const file = await uploaded(ada.id, await png());
    expectOk(
      await sendRoomMessage(ada.id, { roomId: room.id, content: "", attachmentIds: [file.id] }),
    );
    expect(await downloadableFile(ben.id, file.id)).toBeDefined();
    expect(await downloadableFile(cleo.id, file.id)).toBeUndefined();
    expect((await joinRoom(cleo.id, { roomId: room.id })).ok).toBe(false);
    expectOk(await removeRoomMember(ada.id, { roomId: room.id, userId: ben.id }));
    expect(await downloadableFile(ben.id, file.id)).toBeUndefined();
  });

  it("an open room's readers, members or not", async () => {
    const [ada, cleo] = [await makeUser("Ada"), await makeUser("Cleo")];
    const room = expectOk(await createRoom(ada.id, { name: "town", kind: "open" }));
    const file = await uploaded(ada.id, await png());
    expectOk(
      await sendRoomMessage(ada.id, { roomId: room.id, content: "", attachmentIds: [file.id] }),
    );
    expect(await downloadableFile(cleo.id, file.id)).toBeDefined();
  });
});

describe("files follow their messages", () => {
  async function sentWithFile() {
    const [ada, ben] = [await makeUser("Ada"), await makeUser("Ben")];
    const file = await uploaded(ada.id, await png());
    const message = expectOk(
      await sendMessage(ada.id, { receiverId: ben.id, content: "see", attachmentIds: [file.id] }),
    );
    return { ada, ben, file, message };
  }

  it("editing keeps them", async () => {
    const { ada, ben, file, message } = await sentWithFile();
    expectOk(await editMessage(ada.id, { messageId: message.id, content: "see this" }));
    expect(await downloadableFile(ben.id, file.id)).toBeDefined();
    expect(await fileStore().size(file.storageKey)).toBeGreaterThan(0);
  });

  it("deleting the message deletes its rows and files", async () => {
    const { ada, ben, file, message } = await sentWithFile();
    expectOk(await deleteMessage(ada.id, { messageId: message.id }));
    expect(await attachmentCount()).toBe(0);
    expect(await storedFiles()).toEqual([]);
    expect(await downloadableFile(ben.id, file.id)).toBeUndefined();
  });

  it("a message kept as a tombstone for its replies loses its files", async () => {
    const { ada, ben, file, message } = await sentWithFile();
    expectOk(await replyToMessage(ben.id, { parentMessageId: message.id, content: "ok" }));
    expectOk(await deleteMessage(ada.id, { messageId: message.id }));
    expect(await downloadableFile(ben.id, file.id)).toBeUndefined();
    expect(await storedFiles()).toEqual([]);
  });

  it("deleting the account deletes the files it sent, received and never sent", async () => {
    const { ada, ben } = await sentWithFile();
    const fromBen = await uploaded(ben.id, await png());
    expectOk(
      await sendMessage(ben.id, {
        receiverId: ada.id,
        content: "back",
        attachmentIds: [fromBen.id],
      }),
    );
    await uploaded(ada.id, await png());
    expect((await storedFiles()).length).toBe(6);
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    expect(await attachmentCount()).toBe(0);
    expect(await storedFiles()).toEqual([]);
  });
});

describe("the sweep", () => {
  it("removes uploads never attached within 24 hours, and keeps the rest", async () => {
    const [ada, ben] = [await makeUser("Ada"), await makeUser("Ben")];
    const old = await uploaded(ada.id, await png());
    const fresh = await uploaded(ada.id, await png());
    const sent = await uploaded(ada.id, await png());
    expectOk(
      await sendMessage(ada.id, { receiverId: ben.id, content: "x", attachmentIds: [sent.id] }),
    );
    const now = Date.now();
    await updateWhere("attachments", sql`${attachments.id} <> ${fresh.id}`, {
      createdAt: now - UNATTACHED_LIFETIME_MS - 1,
    });
    expect(await sweepUploads(now)).toMatchObject({ unattached: 1 });
    const left = await rows<{ id: number }>(sql`select id from attachments order by id`);
    expect(left.map((row) => row.id)).toEqual([fresh.id, sent.id]);
    expect(await fileStore().size(old.storageKey)).toBeUndefined();
    expect(await fileStore().size(sent.storageKey)).toBeGreaterThan(0);
  });
});

describe("download headers", () => {
  it("encodes the name per RFC 6266/5987 and reads byte ranges", () => {
    expect(contentDisposition("attachment", "Résumé (final).pdf")).toBe(
      `attachment; filename="R_sum_ (final).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29.pdf`,
    );
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("items=1-2", 100)).toBeNull();
  });
});

describe("the admin console", () => {
  it("shows the storage the files use", async () => {
    const ada = await makeUser("Ada");
    const { overview } = await import("@/lib/admin/console");
    expect((await overview()).fileBytes).toBe(0);
    const one = await uploaded(ada.id, Buffer.from("12345"), "a.txt", "text/plain");
    const two = await uploaded(ada.id, await png());
    expect((await overview()).fileBytes).toBe(one.size + two.size);
  });
});

describe("search filters", () => {
  it("has:file finds messages with any attachment, has:image those with an image", async () => {
    const [ada, ben] = [await makeUser("Ada"), await makeUser("Ben")];
    const { searchMessages } = await import("@/lib/search/search");
    const image = await uploaded(ada.id, await png());
    const notes = await uploaded(ada.id, Buffer.from("notes"), "notes.txt", "text/plain");
    const withImage = expectOk(
      await sendMessage(ada.id, {
        receiverId: ben.id,
        content: "budget chart",
        attachmentIds: [image.id],
      }),
    );
    const withText = expectOk(
      await sendMessage(ada.id, {
        receiverId: ben.id,
        content: "budget notes",
        attachmentIds: [notes.id],
      }),
    );
    const plain = expectOk(
      await sendMessage(ada.id, { receiverId: ben.id, content: "budget talk" }),
    );
    const ids = async (q: string) =>
      expectOk(await searchMessages(ben.id, { q })).results.map((result) => result.id);
    expect(await ids("budget")).toEqual([plain.id, withText.id, withImage.id]);
    expect(await ids("budget has:file")).toEqual([withText.id, withImage.id]);
    expect(await ids("budget has:image")).toEqual([withImage.id]);
    expect(await searchMessages(ben.id, { q: "budget has:video" })).toMatchObject({
      ok: false,
      error: "has: is has:file or has:image.",
    });
  });
});

describe("live updates in the browser's cache", () => {
  it("an edit's event keeps the attachments already shown; a new message brings its own", async () => {
    const { conversationWithEvent } = await import("@/lib/live/apply-messages");
    const files = [
      {
        id: 7,
        name: "a.png",
        mimeType: "image/png",
        size: 5,
        width: 1,
        height: 1,
        thumbnail: true,
      },
    ];
    const message = {
      id: 1,
      senderId: 2,
      senderName: "Bo",
      receiverId: 1,
      content: "see",
      createdAt: 1,
      edited: false,
      editedAt: null,
      read: false,
      deleted: false,
      replyCount: 0,
      unreadRepliesToSender: 0,
      unreadRepliesToReceiver: 0,
    };
    const data = {
      pages: [{ messages: [{ ...message, attachments: files }], hasOlder: false }],
      pageParams: [undefined],
    };
    const edited = conversationWithEvent(data, {
      type: "message.updated",
      conversationWith: 2,
      messageIds: [1],
      threadRootIds: [],
      messages: [{ ...message, content: "see this", edited: true, parentId: null }],
    });
    expect(edited?.pages[0]?.messages[0]).toMatchObject({
      content: "see this",
      attachments: files,
    });
    const created = conversationWithEvent(data, {
      type: "message.created",
      conversationWith: 2,
      messageIds: [2],
      threadRootIds: [],
      messages: [{ ...message, id: 2, parentId: null, attachments: files }],
    });
    expect(created?.pages[0]?.messages[1]?.attachments).toEqual(files);
  });
});
