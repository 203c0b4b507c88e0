"use server";

import { currentUser } from "@/lib/accounts/current-user";
import { endSession } from "@/lib/accounts/sessions";
import { signOutAndLeave } from "@/lib/accounts/sign-out";
import { asSignedInUser } from "@/lib/accounts/signed-in-action";
import { deleteMessage, editMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import type { FormState } from "@/lib/platform/form-state";
import { ok } from "@/lib/platform/result";
import { formObject } from "@/lib/platform/validation";
import {
  markAllNotificationsRead,
  markAllRead,
  markUnread,
  openNotification,
} from "@/lib/unread/mark-read";

/**
 * Ends this session on the server (a copied cookie stops working too), then the cookie, then
 * the identity provider's session when it came from single sign-on.
 */
export async function signOutAction() {
  const user = await currentUser();
  const ended = user ? await endSession(user.id, user.sessionId) : null;
  await signOutAndLeave(ended?.idToken ?? null);
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
