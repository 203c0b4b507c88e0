"use server";

import { refresh } from "next/cache";
import { type FormState, formFailure, signedOut } from "@/lib/form-state";
import { sendMessage } from "@/lib/messages";
import { currentUser } from "@/lib/session";
import { formObject } from "@/lib/validation";

export async function sendMessageAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = sendMessage(user.id, formObject(form));
  // The cache receiver already expired this conversation; refresh re-renders the page.
  if (result.ok) refresh();
  return formFailure(result, form);
}
