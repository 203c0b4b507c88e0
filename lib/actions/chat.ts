"use server";

import { signOut } from "@/auth";
import type { FormState } from "@/lib/form-state";
import { deleteMessage, editMessage } from "@/lib/messages";
import {
  markAllNotificationsRead,
  markAllRead,
  markUnread,
  openNotification,
} from "@/lib/read-state";
import { ok } from "@/lib/result";
import { currentUser } from "@/lib/session";
import { endSession } from "@/lib/sessions";
import { asSignedInUser } from "@/lib/signed-in-action";
import { replyToMessage } from "@/lib/threads";
import { formObject } from "@/lib/validation";

/** Ends this session on the server (a copied cookie stops working too), then the cookie. */
export async function signOutAction() {
  const user = await currentUser();
  if (user) await endSession(user.id, user.sessionId);
  await signOut({ redirectTo: "/login" });
}

export async function editMessageAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => editMessage(userId, formObject(form)), form);
}

export async function deleteMessageAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return asSignedInUser((userId) => deleteMessage(userId, formObject(form)), form);
}

export async function replyAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => replyToMessage(userId, formObject(form)), form);
}

export async function markUnreadAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => markUnread(userId, formObject(form)), form);
}

export async function markAllReadAction(): Promise<void> {
  await asSignedInUser(async (userId) => ok(await markAllRead(userId)));
}

export async function openNotificationAction(notificationId: number): Promise<FormState> {
  return asSignedInUser((userId) => openNotification(userId, { notificationId }));
}

export async function markAllNotificationsReadAction(): Promise<void> {
  await asSignedInUser(async (userId) => ok(await markAllNotificationsRead(userId)));
}
