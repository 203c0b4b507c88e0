"use server";

import { renameUser } from "@/lib/accounts/accounts";
import { asSignedInUser } from "@/lib/accounts/signed-in-action";
import type { FormState } from "@/lib/platform/form-state";
import { formObject } from "@/lib/platform/validation";

export async function saveProfileAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => renameUser(userId, formObject(form)), form);
}
