import "server-only";
import { rm, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { insert } from "@/db/events";
import type { Attachment } from "@/db/schema";
import { prepareImage, rewrittenOnUpload } from "./images";
import { DEFAULT_MAX_UPLOAD_MB, formatSize, isInlineImage } from "./limits";
import { fileNameSchema } from "./names";
import { sniffFile } from "./sniff";
import { fileStore, newKey, streamToScratch, TooLargeError } from "./storage";

/** MAX_UPLOAD_MB, default 25. */
export function maxUploadMb(): number {
  const configured = Number(process.env.MAX_UPLOAD_MB);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_UPLOAD_MB;
}

export interface UploadRequest {
  /** The name the uploader gave (a header): checked, shown, never used on disk. */
  name: string | null;
  /** The browser's claim (Content-Type): only ever a reason to refuse, never trusted. */
  claimedType: string | null;
  /** Content-Length when the client sent one: too large is refused before reading. */
  declaredSize: number | null;
  body: Readable;
}

export type UploadOutcome =
  | { ok: true; attachment: Attachment }
  | { ok: false; status: 400 | 413 | 415 | 422; error: string };

const refuse = (status: 400 | 413 | 415 | 422, error: string): UploadOutcome => ({
  ok: false,
  status,
  error,
});

/**
 * Stores one upload for `uploaderId`, unattached until a send attaches it. The body is
 * streamed to a scratch file (never held whole in memory), its type decided from its
 * content, images checked and cleaned, then published under server-chosen keys with a
 * rename, and only then recorded. A refusal or an upload cut off mid-way leaves nothing.
 */
export async function storeUpload(
  uploaderId: number,
  request: UploadRequest,
): Promise<UploadOutcome> {
  const parsedName = fileNameSchema.safeParse(request.name ?? "");
  if (!parsedName.success) return refuse(400, parsedName.error.issues[0]?.message ?? "Bad name.");
  const name = parsedName.data;
  const limitMb = maxUploadMb();
  const limit = limitMb * 1024 * 1024;
  const tooLarge = (size: string) =>
    refuse(413, `${name} is ${size}: files can be at most ${limitMb} MB.`);
  if (request.declaredSize !== null && request.declaredSize > limit) {
    return tooLarge(formatSize(request.declaredSize));
  }
  const store = fileStore();
  const scratch: string[] = [];
  const newScratch = async () => {
    const file = await store.scratch();
    scratch.push(file);
    return file;
  };
  const published: string[] = [];
  try {
    const upload = await newScratch();
    let size: number;
    try {
      size = await streamToScratch(request.body, upload, limit);
    } catch (error) {
      if (error instanceof TooLargeError) return tooLarge(`over ${limitMb} MB`);
      return refuse(400, `The upload of ${name} was cut off. Try again.`);
    }
    if (size === 0) return refuse(400, `${name} is empty: there is nothing to attach.`);
    const sniffed = await sniffFile(upload, name, request.claimedType);
    if (!sniffed.ok) return refuse(415, sniffed.error);
    const { mimeType } = sniffed;
    let stored = upload;
    let dimensions: { width: number; height: number } | null = null;
    let thumbnail: string | null = null;
    if (isInlineImage(mimeType)) {
      const clean = rewrittenOnUpload(mimeType) ? await newScratch() : null;
      thumbnail = await newScratch();
      const image = await prepareImage(upload, name, mimeType, clean, thumbnail);
      if (!image.ok) return refuse(422, image.error);
      dimensions = { width: image.width, height: image.height };
      if (clean) stored = clean;
    }
    const storageKey = newKey();
    const thumbnailKey = thumbnail ? `${storageKey}-thumb` : null;
    const storedSize = (await stat(stored)).size;
    await store.commit(stored, storageKey);
    published.push(storageKey);
    if (thumbnail && thumbnailKey) {
      await store.commit(thumbnail, thumbnailKey);
      published.push(thumbnailKey);
    }
    const attachment = await insert("attachments", {
      uploaderId,
      storageKey,
      thumbnailKey,
      name,
      mimeType,
      size: storedSize,
      width: dimensions?.width ?? null,
      height: dimensions?.height ?? null,
    });
    published.length = 0;
    return { ok: true, attachment };
  } finally {
    // Whatever was not published is scratch; whatever was published but not recorded goes.
    await Promise.all(scratch.map((file) => rm(file, { force: true })));
    if (published.length > 0) await store.remove(published);
  }
}
