"use server";

import { renameUser } from "@/lib/accounts";
import type { FormState } from "@/lib/form-state";
import { asSignedInUser } from "@/lib/signed-in-action";
import { formObject } from "@/lib/validation";

export async function saveProfileAction(_previous: FormState, form: FormData): Promise<FormState> {
  return asSignedInUser((userId) => renameUser(userId, formObject(form)), form);
}
