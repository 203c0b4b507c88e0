/**
 * A bounded map that forgets the least recently used entry first: for caches of work that
 * repeats (decrypting the same cookies, rendering the same texts) and must not grow without
 * end. Used on the server and in the browser.
 */
export function createLru<K, V>(limit: number) {
  const entries = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      // Map keeps insertion order: re-inserting makes it the most recent.
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key: K, value: V) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value as K);
    },
    delete(key: K) {
      entries.delete(key);
    },
  };
}
