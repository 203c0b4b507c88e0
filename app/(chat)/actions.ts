"use server";

import { refresh } from "next/cache";
import { signOut } from "@/auth";
import { type FormState, formFailure, signedOut } from "@/lib/form-state";
import { deleteMessage, editMessage } from "@/lib/messages";
import {
  markAllNotificationsRead,
  markAllRead,
  markRead,
  markUnread,
  openNotification,
} from "@/lib/read-state";
import { currentUser } from "@/lib/session";
import { replyToMessage } from "@/lib/threads";
import { formObject } from "@/lib/validation";

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

export async function editMessageAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = editMessage(user.id, formObject(form));
  if (result.ok) refreshViews();
  return formFailure(result, form);
}

export async function deleteMessageAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = deleteMessage(user.id, formObject(form));
  if (result.ok) refreshViews();
  return formFailure(result, form);
}

export async function replyAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = replyToMessage(user.id, formObject(form));
  if (result.ok) refreshViews();
  return formFailure(result, form);
}

/** Fired by the client for the received messages that are on screen. */
export async function markReadAction(messageIds: number[]): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = markRead(user.id, { messageIds });
  if (result.ok && result.data.changed > 0) refreshViews();
  return formFailure(result);
}

export async function markUnreadAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = markUnread(user.id, formObject(form));
  if (result.ok) refreshViews();
  return formFailure(result, form);
}

export async function markAllReadAction(): Promise<void> {
  const user = await currentUser();
  if (!user) return;
  markAllRead(user.id);
  refreshViews();
}

export async function openNotificationAction(notificationId: number): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = openNotification(user.id, { notificationId });
  if (result.ok) refreshViews();
  return formFailure(result);
}

export async function markAllNotificationsReadAction(): Promise<void> {
  const user = await currentUser();
  if (!user) return;
  markAllNotificationsRead(user.id);
  refreshViews();
}

/**
 * The writer's page re-renders in the action's response. The cached views the write touched
 * were already expired by the cache receivers (updateTag, after the commit).
 */
function refreshViews() {
  refresh();
}
