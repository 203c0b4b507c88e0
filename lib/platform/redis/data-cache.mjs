/**
 * The shared data cache's storage in Redis: entries and tag expiry times.
 *
 * An entry is stored with its tags and the time it was written; a tag's expiry time is
 * stored under a key of its own. Reading an entry checks only that entry's tags (one MGET),
 * so expiring a tag costs one SET whatever the size of the cache, and no index of entries
 * by tag has to be kept. Both kinds of key expire on their own (ENTRY_TTL_MS), which bounds
 * the store: nothing lives longer than twice the views' 60 s lifetime.
 *
 * Correctness over hits: an entry written less than FILL_MARGIN_MS after its tag expired
 * counts as stale, since its data may have been read before the write committed.
 */
import { onRecovery, redis, withTimeout } from "./connection.mjs";

const ENTRY = "cairo:cache:entry:";
const TAG = "cairo:cache:tag:";
export const ENTRY_TTL_MS = 120_000;
export const MAX_ENTRY_BYTES = 512 * 1024;
export const FILL_MARGIN_MS = 1_000;

/** Expires tags on every server. False when Redis could not be told (a retry is queued). */
export async function expireTags(tags) {
  if (tags.length === 0) return true;
  const client = redis();
  if (!client) return false;
  try {
    const now = String(Date.now());
    const multi = client.multi();
    for (const tag of tags) multi.set(TAG + tag, now, { PX: ENTRY_TTL_MS + FILL_MARGIN_MS });
    await withTimeout(multi.exec());
    return true;
  } catch (error) {
    console.warn(`[cache] could not expire ${tags.join(", ")} in Redis: ${error.message}`);
    setTimeout(() => void expireTags(tags), 1_000).unref();
    return false;
  }
}

/** The entry under `key` if it exists and none of its tags expired since it was written. */
export async function readEntry(key) {
  const client = redis();
  if (!client) return null;
  try {
    const raw = await withTimeout(client.get(ENTRY + key));
    if (!raw) return null;
    const entry = JSON.parse(raw, revive);
    if (entry.tags.length > 0) {
      const expired = await withTimeout(client.mGet(entry.tags.map((tag) => TAG + tag)));
      const stale = expired.some(
        (time) => time !== null && Number(time) >= entry.lastModified - FILL_MARGIN_MS,
      );
      if (stale) return null;
    }
    return { value: entry.value, lastModified: entry.lastModified };
  } catch (error) {
    console.warn(`[cache] read failed, serving uncached: ${error.message}`);
    return null;
  }
}

export async function writeEntry(key, value, tags) {
  const client = redis();
  if (!client) return;
  try {
    const raw = JSON.stringify({ value, tags, lastModified: Date.now() }, replace);
    if (Buffer.byteLength(raw) > MAX_ENTRY_BYTES) return;
    await withTimeout(client.set(ENTRY + key, raw, { PX: ENTRY_TTL_MS }));
  } catch (error) {
    console.warn(`[cache] write failed: ${error.message}`);
  }
}

/** After an outage no server could expire tags: drop every entry rather than trust them. */
export async function dropAllEntries() {
  const client = redis();
  if (!client) return;
  for await (const keys of client.scanIterator({ MATCH: `${ENTRY}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.unlink(keys);
  }
}

const RECOVERY = Symbol.for("cairo-chat.cache-recovery");
globalThis[RECOVERY] ??= onRecovery(dropAllEntries);

// Entries may hold Buffers and Maps (page entries' rscData, segmentData): keep their types.
function replace(key, value) {
  const raw = this[key];
  if (Buffer.isBuffer(raw)) return { __buffer: raw.toString("base64") };
  if (raw instanceof Map) return { __map: [...raw.entries()] };
  return value;
}

function revive(_key, value) {
  if (value && typeof value === "object") {
    if (typeof value.__buffer === "string") return Buffer.from(value.__buffer, "base64");
    if (Array.isArray(value.__map)) return new Map(value.__map);
  }
  return value;
}
