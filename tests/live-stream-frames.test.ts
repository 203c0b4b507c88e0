import { describe, expect, it } from "vitest";
import { createInProcessBus } from "@/lib/live/bus";
import { messageChanged, typingStarted } from "@/lib/live/events";
import { liveEventStream } from "@/lib/live/stream";

/** Reads a stream's text until `done` holds of it. */
async function readUntil(stream: ReadableStream<Uint8Array>, done: (text: string) => boolean) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value } = await reader.read();
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

const ids = (messageId: number) => ({
  conversationWith: 2,
  messageIds: [messageId],
  threadRootIds: [],
});

const framesOf = (text: string) => text.split("\n\n").filter((f) => f.includes("data: "));

describe("the frames of a live stream", () => {
  it("give an ephemeral signal no id, so no id repeats and the resume point stays", async () => {
    const bus = createInProcessBus();
    const request = new AbortController();
    const stream = liveEventStream({ userId: 1, sessionId: "s" }, null, request.signal, { bus });
    const reading = readUntil(stream, (text) => framesOf(text).length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the stream has subscribed
    await bus.publish(1, messageChanged("message.created", ids(10), undefined));
    await bus.signal([1], typingStarted({ id: 2, name: "Bo" }));
    await bus.publish(1, messageChanged("message.created", ids(11), undefined));
    const frames = framesOf(await reading);
    request.abort();
    const frameIds = frames.map((f) => /^id: (.*)$/m.exec(f)?.[1]);
    expect(frameIds[0]).toBeTruthy();
    expect(frameIds[1]).toBeUndefined();
    expect(frameIds[2]).toBeTruthy();
    expect(frameIds[2]).not.toBe(frameIds[0]);
  });
});
