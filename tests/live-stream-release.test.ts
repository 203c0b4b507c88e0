import { describe, expect, it } from "vitest";
import { createInProcessBus, type EventBus } from "@/lib/live/bus";
import { openEventStream } from "@/lib/live/open-stream";
import { liveEventStream } from "@/lib/live/stream";
import { maxStreamsPerUser, openStreamCount } from "@/lib/live/stream-limit";

/** An in-process bus that tells how many listeners are subscribed right now. */
function countingBus() {
  const bus = createInProcessBus();
  let subscribed = 0;
  const counted: EventBus = {
    ...bus,
    subscribe(userId, listener) {
      subscribed++;
      const unsubscribe = bus.subscribe(userId, listener);
      let done = false;
      return () => {
        if (!done) subscribed--;
        done = true;
        unsubscribe();
      };
    },
  };
  return { bus: counted, subscribed: () => subscribed };
}

const owner = (userId: number) => ({ userId, sessionId: `session-${userId}` });

describe("an event stream whose client is gone", () => {
  it("is released at once when the request aborted before the stream started", () => {
    const { bus, subscribed } = countingBus();
    const aborted = AbortSignal.abort();
    let closed = 0;
    liveEventStream(owner(1), null, aborted, { bus, onClose: () => closed++ });
    expect(closed).toBe(1);
    expect(subscribed()).toBe(0);
  });

  it("takes no slot when the request aborted before it opened, however often", () => {
    const { bus, subscribed } = countingBus();
    const before = openStreamCount();
    for (let i = 0; i < maxStreamsPerUser() * 3; i++) {
      expect(openEventStream(owner(2), null, AbortSignal.abort(), bus).status).toBe("gone");
    }
    expect(openStreamCount()).toBe(before);
    expect(subscribed()).toBe(0);
    expect(openEventStream(owner(2), null, new AbortController().signal, bus).status).toBe("open");
  });

  it("gives its slot back when the request aborts during the stream, or before it was read", () => {
    const { bus, subscribed } = countingBus();
    const before = openStreamCount();
    for (let i = 0; i < maxStreamsPerUser() * 3; i++) {
      const request = new AbortController();
      const opened = openEventStream(owner(3), i % 2 ? "0-0" : null, request.signal, bus);
      expect(opened.status).toBe("open");
      expect(openStreamCount()).toBe(before + 1);
      request.abort();
      expect(openStreamCount()).toBe(before);
      expect(subscribed()).toBe(0);
    }
  });

  it("refuses an eleventh live stream, and a closed one frees its slot", () => {
    const { bus } = countingBus();
    const requests = Array.from({ length: maxStreamsPerUser() }, () => new AbortController());
    for (const request of requests) {
      expect(openEventStream(owner(4), null, request.signal, bus).status).toBe("open");
    }
    expect(openEventStream(owner(4), null, new AbortController().signal, bus).status).toBe("full");
    requests[0]?.abort();
    expect(openEventStream(owner(4), null, new AbortController().signal, bus).status).toBe("open");
    for (const request of requests) request.abort();
  });
});
