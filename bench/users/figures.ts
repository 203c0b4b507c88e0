import { percentile, round } from "../support/measure";
import type { WorkerResult } from "./protocol";

/** p50, p95 and p99 of a list of ms, or nulls for an empty one. */
function spread(values: number[]) {
  values.sort((a, b) => a - b);
  const p = (q: number) => (values.length > 0 ? round(percentile(values, q)) : null);
  return { p50_ms: p(50), p95_ms: p(95), p99_ms: p(99) };
}

/**
 * Send-to-delivery of one step, from every generator's sends and deliveries: direct
 * messages (one receiver each), room messages (one figure per receiver: every active member
 * but the sender), and the company-wide room's fan-out (per send, when its LAST member got
 * it; a send some member never got counts as incomplete).
 */
export function deliveryFigures(
  results: WorkerResult[],
  members: Map<number, number[]>,
  companyRoom: number | undefined,
) {
  const at = new Map<number, number[]>();
  for (const r of results)
    for (const [id, when] of r.deliveries) {
      const list = at.get(id);
      if (list) list.push(when);
      else at.set(id, [when]);
    }
  const direct: number[] = [];
  const room: number[] = [];
  const fanOut: number[] = [];
  let directSends = 0;
  let roomSends = 0;
  let undeliveredDirect = 0;
  let undeliveredRoom = 0;
  let incompleteFanOut = 0;
  let companySends = 0;
  for (const r of results) {
    for (const [id, started, roomId] of r.sends) {
      const got = (at.get(id) ?? []).map((when) => when - started);
      if (roomId === 0) {
        directSends++;
        if (got.length === 0) undeliveredDirect++;
        else direct.push(...got);
        continue;
      }
      roomSends++;
      const expected = (members.get(roomId)?.length ?? 1) - 1;
      room.push(...got);
      undeliveredRoom += Math.max(0, expected - got.length);
      if (roomId !== companyRoom) continue;
      companySends++;
      if (got.length < expected) incompleteFanOut++;
      else fanOut.push(Math.max(0, ...got));
    }
  }
  const all = [...direct, ...room];
  return {
    overall: { ...spread(all), undelivered: undeliveredDirect + undeliveredRoom },
    direct: { sends: directSends, ...spread(direct), undelivered: undeliveredDirect },
    room: {
      sends: roomSends,
      deliveries: room.length,
      ...spread(room),
      undelivered: undeliveredRoom,
    },
    company_fan_out: {
      sends: companySends,
      members: (members.get(companyRoom ?? -1)?.length ?? 0) || null,
      ...spread(fanOut),
      incomplete: incompleteFanOut,
    },
  };
}

/** What each request kind is, for the per-second mix (bench/users/worker.ts names them). */
const GROUPS: [string, RegExp][] = [
  ["sends", /^POST (message|reply)/],
  ["reads", /^POST read/],
  ["navigations", /^GET page \(navigation\)/],
  ["page_loads", /^GET page \(load\)/],
  ["signals", /^POST (typing|presence)/],
  ["refetches", /^GET /],
];

/** Requests per second of the measured window: by kind, and by group of kinds. */
export function requestRates(requests: Record<string, number>, seconds: number) {
  const byKind: Record<string, number> = {};
  const byGroup: Record<string, number> = Object.fromEntries(GROUPS.map(([g]) => [g, 0]));
  for (const [kind, count] of Object.entries(requests)) {
    byKind[kind] = round(count / seconds);
    const group = GROUPS.find(([, pattern]) => pattern.test(kind))?.[0] ?? "other";
    byGroup[group] = (byGroup[group] ?? 0) + count / seconds;
  }
  for (const group of Object.keys(byGroup)) byGroup[group] = round(byGroup[group] as number);
  return { byKind, byGroup };
}
