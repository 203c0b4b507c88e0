import "server-only";
import { Readable } from "node:stream";
import type { DownloadableFile } from "./access";
import { isInlineImage } from "./limits";
import { contentDisposition } from "./names";
import { fileStore } from "./storage";

/** Only these are ever served as their own type; everything else is a download of bytes. */
function safeContentType(mimeType: string): string {
  if (isInlineImage(mimeType)) return mimeType;
  if (mimeType === "text/plain") return "text/plain; charset=utf-8";
  if (mimeType === "application/pdf") return "application/pdf";
  return "application/octet-stream";
}

/**
 * The file's bytes with the headers that keep a browser from running them: nosniff, a type
 * from the allow-list, inline only for PNG/JPEG/GIF/WebP, the name per RFC 6266/5987, a
 * private cache. One byte range (`Range: bytes=a-b`) gets a 206; others the whole file.
 */
export async function fileResponse(
  file: DownloadableFile,
  thumbnail: boolean,
  range: string | null,
): Promise<Response | undefined> {
  const store = fileStore();
  const key = thumbnail && file.thumbnailKey ? file.thumbnailKey : file.storageKey;
  const size = await store.size(key);
  if (size === undefined) return undefined;
  const mimeType = thumbnail ? "image/webp" : file.mimeType;
  const headers = new Headers({
    "Content-Type": safeContentType(mimeType),
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": contentDisposition(
      isInlineImage(mimeType) ? "inline" : "attachment",
      file.name,
    ),
    "Accept-Ranges": "bytes",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  const wanted = parseRange(range, size);
  if (wanted === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const body = await store.read(key, wanted ?? undefined);
  if (!body) return undefined;
  const stream = Readable.toWeb(body) as ReadableStream<Uint8Array>;
  if (wanted) {
    headers.set("Content-Range", `bytes ${wanted.start}-${wanted.end}/${size}`);
    headers.set("Content-Length", String(wanted.end - wanted.start + 1));
    return new Response(stream, { status: 206, headers });
  }
  headers.set("Content-Length", String(size));
  return new Response(stream, { status: 200, headers });
}

/** One range of `bytes=a-b`, `bytes=a-` or `bytes=-n`; null for none or a form we ignore. */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | null | "unsatisfiable" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}
