"use server";

import { isDatabaseUnavailable } from "@/db/availability";
import { currentUser } from "@/lib/accounts/current-user";
import { type LoadMoreResult, olderNotifications } from "@/lib/unread/notifications";

/** "Load more" on /notifications: the page older than the notification `before`. */
export async function loadMoreNotificationsAction(before: unknown): Promise<LoadMoreResult> {
  try {
    const user = await currentUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    const result = await olderNotifications(user.id, { before });
    return result.ok ? { ok: true, page: result.data } : { ok: false, error: result.error };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { ok: false, error: "The database is restarting. Try again in a moment." };
  }
}
