"use server";

import { redirect } from "next/navigation";
import { currentUser } from "@/lib/accounts/current-user";
import { asSignedInUser } from "@/lib/accounts/signed-in-action";
import { type FormState, signedOut, toFormState } from "@/lib/platform/form-state";
import { formObject } from "@/lib/platform/validation";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import {
  addRoomMember,
  archiveRoom,
  createRoom,
  joinRoom,
  leaveRoom,
  makeRoomAdmin,
  removeRoomMember,
  setRoomMuted,
} from "@/lib/rooms/rooms";

/** Creates a room, then opens it. */
export async function createRoomAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const created = await createRoom(user.id, formObject(form));
  if (!created.ok) return toFormState(created, form);
  redirect(`/rooms/${created.data.id}`);
}

export async function joinRoomAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => joinRoom(userId, formObject(form)), form);
}

/** Leaves a room, then goes back to Browse rooms. */
export async function leaveRoomAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const left = await leaveRoom(user.id, formObject(form));
  if (!left.ok) return toFormState(left, form);
  redirect("/rooms");
}

export async function sendRoomMessageAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return asSignedInUser((userId) => sendRoomMessage(userId, formObject(form)), form);
}

export async function addRoomMemberAction(roomId: number, userId: number): Promise<FormState> {
  return asSignedInUser((actorId) => addRoomMember(actorId, { roomId, userId }));
}

/** A room admin makes a member an admin too (checked in lib/rooms, like every write). */
export async function makeRoomAdminAction(roomId: number, userId: number): Promise<FormState> {
  return asSignedInUser((actorId) => makeRoomAdmin(actorId, { roomId, userId }));
}

/** A room admin removes a member: their open streams stop hearing the room at once. */
export async function removeRoomMemberAction(roomId: number, userId: number): Promise<FormState> {
  return asSignedInUser((actorId) => removeRoomMember(actorId, { roomId, userId }));
}

/** A room admin archives the room: read-only from then on. */
export async function archiveRoomAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => archiveRoom(userId, formObject(form)), form);
}

/** Mutes the room for the member (the form says which way), or unmutes it. */
export async function muteRoomAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => setRoomMuted(userId, formObject(form)), form);
}
