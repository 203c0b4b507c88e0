/**
 * Next's data cache on Redis, for several servers (next.config.mjs uses it when REDIS_URL
 * is set). An entry filled on one server serves all; a tag expired on any server is
 * expired for all. Redis unreachable: every read misses (pages are served uncached from
 * the database) and writes are dropped; see data-cache.mjs for what happens on recovery.
 */
import { expireTags, readEntry, writeEntry } from "./data-cache.mjs";

export default class RedisCacheHandler {
  async get(key) {
    return readEntry(key);
  }

  async set(key, data, ctx) {
    if (data === null) return;
    await writeEntry(key, data, tagsOf(data, ctx));
  }

  async revalidateTag(tags) {
    await expireTags(Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
}

/** Data entries carry their tags in ctx; page and route entries in a response header. */
function tagsOf(data, ctx) {
  if (Array.isArray(ctx?.tags) && ctx.tags.length > 0) return ctx.tags;
  const header = data?.headers?.["x-next-cache-tags"];
  return typeof header === "string" && header ? header.split(",") : [];
}
