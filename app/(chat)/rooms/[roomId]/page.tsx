import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { cache } from "react";
import { RoomActionButton } from "@/components/RoomActionButton";
import { RoomComposer } from "@/components/RoomComposer";
import { RoomMembersDialog } from "@/components/RoomMembersDialog";
import { RoomTimeline } from "@/components/RoomTimeline";
import { TypingStatus } from "@/components/TypingStatus";
import { requireUser } from "@/lib/accounts/current-user";
import {
  archiveRoomAction,
  joinRoomAction,
  leaveRoomAction,
  muteRoomAction,
} from "@/lib/actions/rooms";
import { idParam, orNotFound } from "@/lib/platform/http/not-found";
import { idSchema } from "@/lib/platform/validation";
import { LARGE_ROOM_MEMBERS } from "@/lib/rooms/large-room";
import { roomAt } from "@/lib/rooms/room-at";
import { roomFor } from "@/lib/rooms/room-messages";
import { listRoomMembers } from "@/lib/rooms/rooms";

export const revalidate = 60;

interface PageProps {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<{ at?: string }>;
}

/** Loaded once per request, for the tab title and the page alike. */
const loadRoom = cache(async (viewerId: number, roomId: number, at?: number) =>
  orNotFound(() => (at !== undefined ? roomAt(viewerId, roomId, at) : roomFor(viewerId, roomId))),
);

async function load({ params, searchParams }: PageProps) {
  const user = await requireUser();
  const roomId = idParam((await params).roomId);
  // ?at=<id> (a search result): the first page reaches back to that message.
  const at = idSchema.safeParse((await searchParams).at);
  return { user, roomId, view: await loadRoom(user.id, roomId, at.success ? at.data : undefined) };
}

/** The tab names the room (the unread count goes in front of it, live). */
export async function generateMetadata(props: PageProps): Promise<Metadata> {
  const { view } = await load(props);
  return { title: `#${view.room.name}` };
}

/**
 * A room: authorized first (a private room of others is a 404, as is a missing one), then
 * its newest messages through the data cache keyed by the room alone.
 */
export default async function RoomPage(props: PageProps) {
  const {
    user,
    roomId,
    view: { room, membership, messages, hasOlder },
  } = await load(props);
  const members = await listRoomMembers(roomId);
  const archived = room.archivedAt !== null;
  const member = membership !== null;
  return (
    <div className="chat-pane flex flex-col gap-2 sm:gap-3">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 pb-2">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold">
            #<bdi>{room.name}</bdi>
          </h1>
          {room.topic && <p className="text-sm text-slate-600">{room.topic}</p>}
        </div>
        <RoomMembersDialog
          roomId={roomId}
          members={members}
          canAdd={member && !archived && room.kind === "private"}
          manager={membership?.role === "admin" && !archived ? user.id : undefined}
        />
        {membership && (
          <RoomActionButton
            action={muteRoomAction}
            roomId={roomId}
            label={membership.muted ? "Unmute room" : "Mute room"}
            fields={{ muted: String(!membership.muted) }}
          />
        )}
        {membership?.role === "admin" && !archived && (
          <RoomActionButton action={archiveRoomAction} roomId={roomId} label="Archive room" />
        )}
        {member ? (
          <RoomActionButton action={leaveRoomAction} roomId={roomId} label="Leave room" />
        ) : (
          !archived && <RoomActionButton action={joinRoomAction} roomId={roomId} label="Join" />
        )}
      </header>
      <RoomTimeline
        key={roomId}
        roomId={roomId}
        viewerId={user.id}
        member={member}
        messages={messages}
        hasOlder={hasOlder}
        readPosition={membership?.lastReadMessageId ?? null}
      />
      {archived ? (
        <p role="status" className="rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700">
          This room is archived
        </p>
      ) : member ? (
        <>
          <RoomComposer
            roomId={roomId}
            viewer={{ id: user.id, name: user.name }}
            formSendKey={randomUUID()}
          />
          {members.length <= LARGE_ROOM_MEMBERS && (
            <TypingStatus key={roomId} target={{ roomId }} viewerId={user.id} />
          )}
        </>
      ) : (
        <p className="text-sm text-slate-600">Join #{room.name} to write in it.</p>
      )}
    </div>
  );
}
