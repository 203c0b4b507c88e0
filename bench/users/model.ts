import { LARGE_ROOM_MEMBERS } from "@/lib/rooms/large-room";
import type { Place, SimulatedUser } from "./protocol";
import type { SeededRoom } from "./rooms";
import type { SeededUser } from "./seed";

/** Mean seconds between a user's sends (direct and room messages together). */
export const SEND_EVERY_SECONDS = 60;
/** The share of a user's sends that go to rooms when rooms are on. */
export const ROOM_SHARE = 0.7;
/** The share of a user's direct messages that go to their partner (the rest: two others). */
export const PARTNER_SHARE = 0.9;
/** Mean seconds between two sends into the company-wide room, over all users. */
export const COMPANY_EVERY_SECONDS = 20;

/**
 * How much of a member's room sends a room of `members` gets, relative to their other rooms:
 * people write most where few read (their team), so a room's traffic falls with the square
 * root of its size (10 members: about 6 messages a minute, 1,000: about one every 2 minutes).
 */
export const roomWeight = (members: number) => members ** -1.5;

/** Everyone's partner: pairs (0,1), (2,3), ...; an odd one out pairs with the one before. */
const partnerOf = (i: number, count: number) => ((i ^ 1) < count ? i ^ 1 : i - 1);

/**
 * The step's `count` active users: their direct-message colleagues (their partner first),
 * their rooms (active members only) and their home, the conversation that writes to them
 * most by this model's rates: a room at the rate its other members give it (each spreads
 * their room sends over their rooms by roomWeight), the company-wide room at
 * COMPANY_EVERY_SECONDS, a partner at PARTNER_SHARE of the partner's direct sends.
 */
export function simulated(
  users: SeededUser[],
  seededRooms: SeededRoom[],
  count: number,
  withRooms: boolean,
): SimulatedUser[] {
  const active = users.slice(0, count);
  const index = new Map(active.map((user, i) => [user.id, i]));
  const rooms = withRooms
    ? seededRooms
        .map((room) => ({
          ...room,
          members: room.members.filter((id) => index.has(id)),
          // Its page shows and sends typing only when the whole room is not large.
          typing: room.members.length <= LARGE_ROOM_MEMBERS,
        }))
        .filter((room) => room.members.length >= 2)
    : [];
  const roomsOf = active.map(() => [] as SimulatedUser["rooms"]);
  for (const room of rooms) {
    if (room.company) continue;
    const entry = { id: room.id, members: room.members.length, typing: room.typing };
    for (const id of room.members) roomsOf[index.get(id) as number]?.push(entry);
  }
  const perSecond = 1 / SEND_EVERY_SECONDS;
  const roomRate = withRooms ? perSecond * ROOM_SHARE : 0;
  // What each member gives each of their rooms, per second.
  const gives = roomsOf.map((mine) => {
    const weight = mine.reduce((sum, room) => sum + roomWeight(room.members), 0);
    return new Map(mine.map((room) => [room.id, (roomRate * roomWeight(room.members)) / weight]));
  });
  const roomTraffic = new Map<number, number>();
  for (const [i, mine] of roomsOf.entries())
    for (const room of mine)
      roomTraffic.set(
        room.id,
        (roomTraffic.get(room.id) ?? 0) + (gives[i]?.get(room.id) as number),
      );
  const company = rooms.find((room) => room.company);
  const partnerRate = (perSecond - roomRate) * PARTNER_SHARE;
  return active.map((user, i) => {
    const others = [partnerOf(i, count), (i + 2) % count, (i - 2 + count) % count];
    const colleagues = [...new Set(others)]
      .filter((j) => j !== i)
      .map((j) => ({ id: (active[j] as SeededUser).id, name: (active[j] as SeededUser).name }));
    let home: Place = { kind: "dm", id: (colleagues[0] as { id: number }).id };
    let best = partnerRate;
    if (company && company.members.length > 1 && 1 / COMPANY_EVERY_SECONDS > best) {
      best = 1 / COMPANY_EVERY_SECONDS;
      home = { kind: "room", id: company.id };
    }
    for (const room of roomsOf[i] ?? []) {
      const rate = (roomTraffic.get(room.id) ?? 0) - (gives[i]?.get(room.id) ?? 0);
      if (rate > best) {
        best = rate;
        home = { kind: "room", id: room.id };
      }
    }
    return {
      id: user.id,
      cookie: user.cookie,
      colleagues,
      rooms: roomsOf[i] ?? [],
      companyRoom: company?.id,
      home,
    };
  });
}

/** The active members of each room of the step (who should receive a send into it). */
export function activeMembers(seededRooms: SeededRoom[], users: SeededUser[], count: number) {
  const active = new Set(users.slice(0, count).map((user) => user.id));
  return new Map(seededRooms.map((room) => [room.id, room.members.filter((id) => active.has(id))]));
}
