"use server";

import { asSignedInUser } from "@/lib/accounts/signed-in-action";
import type { FormState } from "@/lib/platform/form-state";
import { formObject } from "@/lib/platform/validation";
import { setReadReceipts } from "@/lib/unread/read-receipts";

export async function saveReadReceiptsAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  return asSignedInUser((userId) => setReadReceipts(userId, formObject(form)), form);
}
