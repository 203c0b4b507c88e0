-- Until when an open tab shows the member the room: a send into the room moves the read
-- position of the members watching it, in the send's transaction (lib/rooms/watching.ts).
ALTER TABLE "room_members" ADD COLUMN "watching_until" bigint;
