import { connectAccountCleanupReceivers } from "./accounts/receivers";
import { connectLiveReceivers } from "./live/receivers";
import { connectHistoryReceivers } from "./messaging/receivers";
import { connectCacheReceivers } from "./platform/cache-receivers";
import { connectNotificationReceivers } from "./unread/receivers";

/** Connects every receiver of the app. Idempotent: each receiver has a dispatch id. */
export function registerReceivers() {
  connectNotificationReceivers();
  connectHistoryReceivers();
  connectAccountCleanupReceivers();
  connectCacheReceivers();
  connectLiveReceivers();
}
