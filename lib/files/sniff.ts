import "server-only";
import { open } from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import { ACCEPTED_TYPES } from "./limits";

/** What a name's extension claims, for the types whose claim can be checked. */
const CLAIMS: Record<string, string[]> = {
  png: ["image/png"],
  jpg: ["image/jpeg"],
  jpeg: ["image/jpeg"],
  gif: ["image/gif"],
  webp: ["image/webp"],
  pdf: ["application/pdf"],
  zip: ["application/zip"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  xlsx: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  pptx: ["application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  odt: ["application/vnd.oasis.opendocument.text"],
  ods: ["application/vnd.oasis.opendocument.spreadsheet"],
  mp3: ["audio/mpeg"],
  mp4: ["video/mp4"],
  txt: ["text/plain"],
  csv: ["text/plain"],
  md: ["text/plain"],
  log: ["text/plain"],
};

/**
 * Markup a browser would run if it ever rendered the file: never inside an image (shown
 * inline) or a text file. Documents and archives are only ever downloads, and their
 * uncompressed XML parts would look like markup.
 */
const MARKUP = /<(script|html|svg|iframe|object|embed|body|!doctype|\?php)[\s>/]/i;

export type Sniffed = { ok: true; mimeType: string } | { ok: false; error: string };

/**
 * The file's type, from its bytes alone (file-type's signatures; text when it is valid
 * UTF-8 without NUL). Refused: a type not accepted, a name or browser claim the content
 * contradicts (a "photo.png" that is a PDF), and markup hidden anywhere in an image or a
 * text file (a polyglot: an image that is also a web page).
 */
export async function sniffFile(file: string, name: string, claimed: string | null) {
  const detected = await fileTypeFromFile(file);
  const mimeType = detected?.mime ?? ((await isPlainText(file)) ? "text/plain" : undefined);
  if (!mimeType || !(mimeType in ACCEPTED_TYPES)) {
    return refuse(`${name} cannot be attached: its content is not a type Cairo Chat accepts.`);
  }
  const extension = name.includes(".") ? name.toLowerCase().split(".").pop() : undefined;
  const byName = extension ? CLAIMS[extension] : undefined;
  const lies =
    (byName && !byName.includes(mimeType)) ||
    (claimed?.startsWith("image/") && claimed !== mimeType);
  if (lies) {
    return refuse(
      `${name} is not what its name or type says: its content is a ${ACCEPTED_TYPES[mimeType]}.`,
    );
  }
  const shownOrText = mimeType.startsWith("image/") || mimeType === "text/plain";
  if (shownOrText && (await containsMarkup(file))) {
    return refuse(`${name} cannot be attached: it hides web page markup inside its content.`);
  }
  return { ok: true, mimeType } satisfies Sniffed;
}

function refuse(error: string): Sniffed {
  return { ok: false, error };
}

async function isPlainText(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    // A multi-byte character cut at the end of the sample is still text.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

/** Scans the whole file in chunks that overlap by the longest marker. */
async function containsMarkup(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let position = 0;
    let carry = "";
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return false;
      const text = carry + chunk.subarray(0, bytesRead).toString("latin1");
      if (MARKUP.test(text)) return true;
      carry = text.slice(-16);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
