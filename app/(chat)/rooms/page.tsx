import type { Metadata } from "next";
import Link from "next/link";
import { RoomActionButton } from "@/components/RoomActionButton";
import { requireUser } from "@/lib/accounts/current-user";
import { joinRoomAction } from "@/lib/actions/rooms";
import { browseRooms } from "@/lib/rooms/rooms";

export const metadata: Metadata = { title: "Browse rooms" };

/** Every open room not archived, with a way to read it and to join it. */
export default async function BrowseRoomsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const user = await requireUser();
  const raw = (await searchParams).q;
  const query = (typeof raw === "string" ? raw : "").slice(0, 80);
  const rooms = await browseRooms(user.id, query);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Browse rooms</h1>
      <search>
        <form method="get" action="/rooms" className="flex gap-2">
          <input
            type="search"
            name="q"
            aria-label="Find a room"
            placeholder="Find a room"
            defaultValue={query}
            className="w-full max-w-md rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm"
          />
          <button type="submit" className="rounded-lg px-3 py-1.5 text-sm ring-1 ring-slate-300">
            Search
          </button>
        </form>
      </search>
      {rooms.length === 0 ? (
        <p className="text-slate-600">
          {query ? "No open room matches." : "No open rooms yet. Create one from the sidebar."}
        </p>
      ) : (
        <ul aria-label="Open rooms" className="flex flex-col divide-y divide-slate-200">
          {rooms.map((room) => (
            <li key={room.id} className="flex items-center gap-3 py-2">
              <div className="min-w-0 flex-1">
                <Link href={`/rooms/${room.id}`} className="font-medium text-brand-700 underline">
                  #<bdi>{room.name}</bdi>
                </Link>
                {room.topic && <p className="truncate text-sm text-slate-600">{room.topic}</p>}
                <p className="text-xs text-slate-600">
                  {room.memberCount} {room.memberCount === 1 ? "member" : "members"}
                </p>
              </div>
              {room.joined ? (
                <span className="text-sm text-slate-600">Joined</span>
              ) : (
                <RoomActionButton action={joinRoomAction} roomId={room.id} label="Join" />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
