import "server-only";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where attachment bytes live. The app writes and reads files only through this interface,
 * by keys it chose itself (never a client's name): the seam for an S3-compatible store.
 * The local store below is the default; several servers share its directory (a network
 * file system), which works because every write is a rename of a complete file.
 */
export interface FileStore {
  /** A private scratch file for an upload in progress; `commit` moves it under `key`. */
  scratch(): Promise<string>;
  /** Atomically publishes a complete scratch file under `key` (a rename). */
  commit(scratchPath: string, key: string): Promise<void>;
  /** The bytes of `key`, whole or from `start` to `end` inclusive; undefined if absent. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable | undefined>;
  size(key: string): Promise<number | undefined>;
  remove(keys: string[]): Promise<void>;
  /** Scratch files older than `before` (ms): an upload cut off while a server died. */
  removeStaleScratch(before: number): Promise<number>;
}

/** FILES_DIR, default data/files (relative to where the server starts). */
export function filesDir(): string {
  return path.resolve(process.env.FILES_DIR || path.join("data", "files"));
}

/** A fresh server-chosen key: 128 random bits, spread over 256 folders. */
export function newKey(): string {
  const id = randomBytes(16).toString("hex");
  return `${id.slice(0, 2)}/${id}`;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}(-thumb)?$/;

export function localStore(root = filesDir()): FileStore {
  const scratchDir = path.join(root, ".scratch");
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`Not a storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async scratch() {
      await mkdir(scratchDir, { recursive: true });
      return path.join(scratchDir, `${randomBytes(16).toString("hex")}.part`);
    },
    async commit(scratchPath, key) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(scratchPath, target);
    },
    async read(key, range) {
      const file = pathOf(key);
      try {
        await stat(file);
      } catch {
        return undefined;
      }
      return createReadStream(file, range);
    },
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch {
        return undefined;
      }
    },
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })));
    },
    async removeStaleScratch(before) {
      let names: string[];
      try {
        names = await readdir(scratchDir);
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names) {
        const file = path.join(scratchDir, name);
        const info = await stat(file).catch(() => undefined);
        if (info && info.mtimeMs < before) {
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

let store: FileStore | undefined;
let storeRoot: string | undefined;

/** The app's file store (FILES_DIR read when first used, again if it changes: tests). */
export function fileStore(): FileStore {
  const root = filesDir();
  if (!store || storeRoot !== root) {
    store = localStore(root);
    storeRoot = root;
  }
  return store;
}

/** Writes a stream to a scratch file, refusing it past `maxBytes`; returns its size. */
export async function streamToScratch(
  source: Readable,
  scratchPath: string,
  maxBytes: number,
): Promise<number> {
  let size = 0;
  const sink = createWriteStream(scratchPath, { flags: "wx" });
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > maxBytes) throw new TooLargeError();
          yield chunk;
        }
      },
      sink,
    );
  } catch (error) {
    // Cut off before the file was even open: it would be created after the caller removed
    // it. Once the sink has closed, removing the scratch file removes it for good.
    if (!sink.closed) await once(sink, "close").catch(() => {});
    throw error;
  }
  return size;
}

export class TooLargeError extends Error {}
