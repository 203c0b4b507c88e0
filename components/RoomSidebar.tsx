"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import type { SidebarRoom } from "@/lib/rooms/room-messages";
import { UnreadCount } from "./ConversationSidebar";
import { CreateRoomDialog } from "./CreateRoomDialog";

async function fetchMyRooms(): Promise<SidebarRoom[]> {
  const response = await fetch("/api/rooms", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`/api/rooms answered ${response.status}`);
  return ((await response.json()) as { rooms: SidebarRoom[] }).rooms;
}

/** Browse rooms (where leaving a room lands), or a room the list does not hold. */
function listMayHaveChanged(pathname: string, held: SidebarRoom[] | undefined): boolean {
  if (pathname === "/rooms") return true;
  const roomId = /^\/rooms\/(\d+)$/.exec(pathname)?.[1];
  return roomId !== undefined && !held?.some((room) => room.id === Number(roomId));
}

/**
 * The viewer's rooms, each a link named `#name` with its unread count (none when muted);
 * refetched when a room event arrives (lib/live/apply.ts), replaced by every server render.
 */
export function RoomSidebar({ initial }: { initial: SidebarRoom[] }) {
  const queryClient = useQueryClient();
  // A server render (after joining, leaving, creating) brings the list as it now is.
  useEffect(() => {
    queryClient.setQueryData(chatKeys.rooms, initial);
    // What changed the rooms (muting one, reading one) may have changed the inbox count.
    void queryClient.invalidateQueries({ queryKey: chatKeys.counts });
  }, [queryClient, initial]);
  const pathname = usePathname();
  // A layout is not rendered again on navigation: after creating a room (its page is not in
  // the list) or leaving one (back on Browse rooms), the list is read again. Opening one of
  // the list's rooms needs no request: useMarkRoomRead clears its badge.
  useEffect(() => {
    if (!listMayHaveChanged(pathname, queryClient.getQueryData(chatKeys.rooms))) return;
    void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
    void queryClient.invalidateQueries({ queryKey: chatKeys.counts });
  }, [queryClient, pathname]);
  const { data = initial } = useQuery({
    queryKey: chatKeys.rooms,
    queryFn: fetchMyRooms,
    initialData: initial,
  });
  return (
    <nav aria-label="Rooms" className="flex flex-col gap-1">
      <h2 className="px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">Rooms</h2>
      {data.length > 0 && (
        <ul className="flex flex-col gap-0.5">
          {data.map((room) => {
            const href = `/rooms/${room.id}`;
            const current = pathname === href;
            return (
              <li key={room.id}>
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className={`flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 ${
                    current ? "bg-brand-50 font-semibold" : ""
                  } ${room.unread > 0 ? "font-semibold" : ""}`}
                >
                  <span className="min-w-0 flex-1 truncate">
                    #<bdi>{room.name}</bdi>
                  </span>
                  <UnreadCount count={current ? 0 : room.unread} />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex items-center gap-2 px-2">
        <CreateRoomDialog />
        <Link href="/rooms" className="text-sm text-brand-700 underline hover:text-brand-800">
          Browse rooms
        </Link>
      </div>
    </nav>
  );
}
