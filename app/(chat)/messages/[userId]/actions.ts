"use server";

import type { FormState } from "@/lib/form-state";
import { sendMessage } from "@/lib/messages";
import { asSignedInUser } from "@/lib/signed-in-action";
import { formObject } from "@/lib/validation";

export async function sendMessageAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => sendMessage(userId, formObject(form)), form);
}
