import { processSingleton } from "../singleton";
import type { HookName, Payloads, Receiver, TableName } from "./types";

/**
 * The receivers, per hook and table, in connection order. Receivers are registered once,
 * from the entry points (instrumentation.ts, scripts, the test setup), never as a side
 * effect of opening the database.
 */
type AnyReceiver = (event: never) => unknown;
const registry = processSingleton("receivers", () => ({
  byHook: new Map<string, Map<string, AnyReceiver>>(),
  muted: new Set<string>(),
  /** Set by connect(): a write before any registration is a wiring bug, not a quiet no-op. */
  configured: false,
}));

/**
 * Registers `receiver` for `hook` on `table`. The `id` plays Django's dispatch_uid:
 * connecting again with the same id is a no-op. Returns a function that disconnects it.
 */
export function connect<H extends HookName, T extends TableName>(
  hook: H,
  table: T,
  receiver: Receiver<H, T>,
  { id }: { id: string },
): () => void {
  registry.configured = true;
  const key = `${hook}:${table}`;
  let receivers = registry.byHook.get(key);
  if (!receivers) {
    receivers = new Map();
    registry.byHook.set(key, receivers);
  }
  if (!receivers.has(id)) receivers.set(id, receiver as AnyReceiver);
  return () => {
    if (receivers.get(id) === receiver) receivers.delete(id);
  };
}

/**
 * Removes every receiver. Tests call this, then register what they need; `configured`
 * says whether the registry counts as set up (an intentionally empty one does).
 */
export function resetReceivers({ configured = false } = {}): void {
  registry.byHook.clear();
  registry.muted.clear();
  registry.configured = configured;
}

export function connectedReceivers(hook: HookName, table: TableName): string[] {
  return [...(registry.byHook.get(`${hook}:${table}`)?.keys() ?? [])];
}

export function assertReceiversRegistered(): void {
  if (!registry.configured) {
    throw new Error(
      "No receivers are registered: call registerReceivers() from the entry point " +
        "(instrumentation.ts, the script, or the test setup) before writing.",
    );
  }
}

/** Runs `fn` with the receivers of the given ids silenced, then restores them. */
export async function withoutReceivers<R>(ids: string[], fn: () => R | Promise<R>): Promise<R> {
  const added = ids.filter((id) => !registry.muted.has(id));
  for (const id of added) registry.muted.add(id);
  try {
    return await fn();
  } finally {
    for (const id of added) registry.muted.delete(id);
  }
}

/** The unmuted receivers of a hook, in connection order. */
export function receiversOf<H extends HookName, T extends TableName>(
  hook: H,
  table: T,
): Receiver<H, T>[] {
  const receivers = registry.byHook.get(`${hook}:${table}`);
  if (!receivers) return [];
  return [...receivers]
    .filter(([id]) => !registry.muted.has(id))
    .map(([, receiver]) => receiver as Receiver<H, T>);
}

/** Runs the in-transaction receivers one after another; a throw aborts the write. */
export async function fire<H extends HookName, T extends TableName>(
  hook: H,
  table: T,
  event: Payloads<T>[H],
): Promise<void> {
  for (const receiver of receiversOf(hook, table)) await receiver(event);
}
