"use server";

import { revalidatePath } from "next/cache";
import { type FormState, formFailure, signedOut } from "@/lib/form-state";
import { sendMessage } from "@/lib/messages";
import { currentUser } from "@/lib/session";
import { formObject } from "@/lib/validation";

export async function sendMessageAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = sendMessage(user.id, formObject(form));
  if (result.ok) revalidatePath(`/messages/${result.data.receiverId}`);
  return formFailure(result, form);
}
