import { expect } from "vitest";
import type { EventBus } from "@/lib/live/bus";

/** The number an event id ends with: `<prefix>-<n>`. */
const numberOf = (id: string) => Number(id.split("-").at(-1));

/**
 * What any bus must guarantee: between two events of one user, the id moves by exactly one
 * whatever the traffic between other people, and Last-Event-ID still replays what was
 * missed. Users 1 to 3 of the bus are used.
 */
export async function expectPrivateIds(bus: EventBus) {
  const event = (n: number) => ({ type: "message.created" as const, messageIds: [n] });
  const first = await bus.publish(1, event(1));
  const quiet = await bus.publish(1, event(2));
  expect(numberOf(quiet.id)).toBe(numberOf(first.id) + 1);

  const before = await bus.latestEventId(1);
  expect(before).toBe(quiet.id);
  // Three messages between two other people: seven events for them.
  for (let i = 0; i < 7; i++) await bus.publish(i % 2 ? 2 : 3, event(100 + i));
  expect(await bus.latestEventId(1)).toBe(before);
  const busy = await bus.publish(1, event(3));
  expect(numberOf(busy.id)).toBe(numberOf(quiet.id) + 1);
  expect(busy.id.replace(/\d+$/, "")).toBe(quiet.id.replace(/\d+$/, ""));

  // Missed while away: replayed in order, nobody else's, nothing from before.
  const missed = [await bus.publish(1, event(4)), await bus.publish(1, event(5))];
  await bus.publish(2, event(200));
  const replay = await bus.replay(1, busy.id);
  expect(replay.complete).toBe(true);
  expect(replay.events.map((e) => [e.id, e.userId, e.data.messageIds])).toEqual(
    missed.map((e) => [e.id, 1, e.data.messageIds]),
  );
  expect(await bus.replay(1, missed[1]?.id ?? "")).toEqual({ events: [], complete: true });
  // An id the user was never given (ahead of theirs) cannot be trusted.
  expect((await bus.replay(1, busy.id.replace(/\d+$/, "999"))).complete).toBe(false);
}
