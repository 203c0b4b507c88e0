"use server";

import { asAdmin } from "@/lib/admin/current-admin";
import { deactivateUser, deleteUser, reactivateUser, setRole } from "@/lib/admin/moderation";
import { archiveRoomAsAdmin } from "@/lib/admin/rooms";
import type { FormState } from "@/lib/platform/form-state";

const admin = (id: number) => ({ kind: "admin", id }) as const;

export async function deactivateUserAction(_previous: FormState, form: FormData) {
  return asAdmin((id, input) => deactivateUser(admin(id), input), form);
}

export async function reactivateUserAction(_previous: FormState, form: FormData) {
  return asAdmin((id, input) => reactivateUser(admin(id), input), form);
}

export async function deleteUserAction(_previous: FormState, form: FormData) {
  return asAdmin((id, input) => deleteUser(admin(id), input), form);
}

export async function grantAdminAction(_previous: FormState, form: FormData) {
  return asAdmin((id, input) => setRole(admin(id), input, "admin"), form);
}

export async function revokeAdminAction(_previous: FormState, form: FormData) {
  return asAdmin((id, input) => setRole(admin(id), input, "member"), form);
}

export async function archiveRoomAsAdminAction(_previous: FormState, form: FormData) {
  return asAdmin((id, input) => archiveRoomAsAdmin(admin(id), input), form);
}
