"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/auth";
import { type FormState, formFailure, signedOut } from "@/lib/form-state";
import { deleteMessage, editMessage } from "@/lib/messages";
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

/** The pages the writer sees re-render with fresh data in the action's response. */
function refreshViews() {
  revalidatePath("/", "layout");
}
