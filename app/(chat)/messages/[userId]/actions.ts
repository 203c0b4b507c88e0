"use server";

import { asSignedInUser } from "@/lib/accounts/signed-in-action";
import { sendMessage } from "@/lib/messaging/messages";
import type { FormState } from "@/lib/platform/form-state";
import { formObject } from "@/lib/platform/validation";

export async function sendMessageAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => sendMessage(userId, formObject(form)), form);
}
