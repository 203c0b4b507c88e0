/**
 * One instance per process. Next bundles route handlers and pages into separate module
 * layers, so a module-level variable can exist twice in one server; state that must be
 * shared (the connection, the receiver registry, counters, rate limits) lives here instead.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const symbol = Symbol.for(`cairo-chat.${key}`);
  store[symbol] ??= create();
  return store[symbol] as T;
}

/** Drops the process's instance: the next `processSingleton(key)` creates a fresh one (tests). */
export function forgetProcessSingleton(key: string): void {
  const store = globalThis as unknown as Record<symbol, unknown>;
  delete store[Symbol.for(`cairo-chat.${key}`)];
}
