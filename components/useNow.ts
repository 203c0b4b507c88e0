"use client";

import { useSyncExternalStore } from "react";

const TICK_MS = 15_000;
let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  now = Date.now();
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(tick, TICK_MS);
    // A page opened again after a while must not start from the time it was last open.
    queueMicrotask(tick);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  // Nothing subscribed means nothing keeps `now` current: refresh it when it is stale, once,
  // so a component mounting after a client-side navigation starts from the true time.
  if (!timer && Date.now() - now >= TICK_MS) now = Date.now();
  return now;
}

/**
 * The current time, shared by every relative timestamp and updated every 15 s; null while
 * the server renders and the browser hydrates. The server's HTML may be served from a cache
 * later, so what it writes must not depend on when it was written: callers show an absolute
 * time until this is a number.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}
